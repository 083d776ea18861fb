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
