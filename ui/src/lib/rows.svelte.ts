// The rows of a long table that are in view in its scrolling box, with a few more above and
// below: only those are built, so a table of 5,000 milestones costs the page what one of 30
// does. Every row is one height, set by the table's CSS; spacer rows keep the box's scroll
// height that of every row.

export class RowWindow {
  private scrollTop = $state(0);
  private height = $state(0);

  /** `row`: each row's height in px; `overscan`: rows built beyond the box, above and below. */
  constructor(
    readonly row: number,
    private readonly overscan = 6,
  ) {}

  /** A Svelte action for the scrolling box: `<div use:rows.watch>`. */
  watch = (box: HTMLElement) => {
    const read = () => {
      this.scrollTop = box.scrollTop;
      this.height = box.clientHeight;
    };
    read();
    box.addEventListener("scroll", read, { passive: true });
    const resized = new ResizeObserver(read);
    resized.observe(box);
    return {
      destroy() {
        box.removeEventListener("scroll", read);
        resized.disconnect();
      },
    };
  };

  /**
   * The rows of `total` to build, from `first` up to `end` (a header in the box is within the
   * overscan), and the heights in px of the spacers above and below them.
   */
  range(total: number): Shown {
    const [first, end] = rowRange(total, this.scrollTop, this.height, this.row, this.overscan);
    return { first, end, above: first * this.row, below: (total - end) * this.row };
  }
}

/** The rows of a long table built, and the room the others take above and below them. */
export interface Shown {
  first: number;
  end: number;
  above: number;
  below: number;
}

/** The rows of `total`, each `row` px high, in view of a box `height` px high scrolled to `top`, with `overscan` more each side. */
export function rowRange(total: number, top: number, height: number, row: number, overscan: number): [number, number] {
  const first = Math.max(0, Math.floor(top / row) - overscan);
  const end = Math.min(total, Math.ceil((top + height) / row) + overscan);
  return [Math.min(first, end), end];
}

/** One page of a long list as core answers it: some of its items, and how many it has. */
export interface Page<T> {
  total: number;
  rows: T[];
}

/**
 * A long list read from core a page at a time, for the rows in view: a change to the program
 * reads again only the pages in view, not the whole list (the roadmap's variance table read
 * all 5,000 milestones, 1.7 MB of JSON, at every change). The rows of the version before stay
 * until their page of the new version replaces them, so rows in view never blank between.
 */
export class Pages<T> {
  /** How many items the list has, as the last page read said; 0 until one is read. */
  total = $state(0);
  /** What the last page that could not be read was refused with (null once one is read). */
  error = $state<unknown>(null);
  /** How many pages are being read. */
  reading = $state(0);
  private pages = $state.raw(new Map<number, T[]>());
  private version = -1;
  private asked = new Set<number>();

  constructor(
    private readonly read: (offset: number, limit: number) => Promise<Page<T>>,
    readonly size = 100,
  ) {}

  /** The item at `index`, or null while its page is read. */
  at(index: number): T | null {
    return this.pages.get(Math.floor(index / this.size))?.[index % this.size] ?? null;
  }

  /**
   * Reads the pages holding rows `first` to `end` (the first page however few rows there are,
   * since it says how many) of the program's `version`, each once per version.
   */
  want(first: number, end: number, version: number): void {
    if (version !== this.version) {
      this.version = version;
      this.asked = new Set();
    }
    for (let p = Math.floor(first / this.size); p * this.size < Math.max(end, first + 1); p++) {
      if (this.asked.has(p)) continue;
      this.asked.add(p);
      this.reading++;
      this.read(p * this.size, this.size).finally(() => this.reading--).then(
        (page) => {
          if (version !== this.version) return;
          this.total = page.total;
          this.error = null;
          // the pages of the version before that are not asked for again go
          const kept = [...this.pages].filter(([n]) => this.asked.has(n) && n !== p);
          this.pages = new Map(kept).set(p, page.rows);
        },
        (thrown) => {
          if (version !== this.version) return;
          this.asked.delete(p);
          this.error = thrown;
        },
      );
    }
  }
}
