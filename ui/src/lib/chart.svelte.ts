// A chart shown in the window: drawn by core as SVG and shown through an object URL (never
// inlined, the SVG holds pack text). A reply for a drawing no longer wanted is dropped, so
// the picture always matches the latest request.
import { chartSvg, toApiError } from "./api";
import { whenIdle } from "./idle";

/** A drawing the webview has decoded, behind its object URL. */
export interface Picture {
  url: string;
  /** Held so the webview keeps the decoded drawing while no view shows it. */
  image: HTMLImageElement;
}

/** A drawing this long (in characters) takes the webview tens of milliseconds to decode. */
const BIG = 100_000;

/**
 * `svg` decoded by the webview before it is shown. A roadmap of 5,000 milestones took the
 * webview 0.4–0.8 s to decode, which held up every frame when the image was simply shown;
 * decoded first, it was at times decoded beside the page's work instead (probe, 2026-12-01).
 * It still holds the page's one thread for 140-175 ms (2,200 elements): a drawing shown again
 * is kept decoded rather than decoded again (`ChartImage.showKept`).
 */
export async function decode(svg: string): Promise<Picture> {
  // a big drawing waits until the learner pauses (a roadmap's first decoding came while the
  // learner could already type into the table's filter)
  if (svg.length > BIG) await whenIdle();
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  const image = new Image();
  image.src = url;
  // a picture the webview cannot decode is shown as it is: the <img> says what is wrong
  await image.decode().catch(() => {});
  return { url, image };
}

/** Lets go of a picture's URL: the webview frees it once no image shows it. */
export const free = (picture: Picture) => URL.revokeObjectURL(picture.url);

export class ChartImage {
  url = $state<string | null>(null);
  error = $state<string | null>(null);
  private asked = 0;
  /** Whether the picture shown is this one's to free (not one kept by its program). */
  private owned = false;

  /** Draws `chart` of program `id` at this size; the latest call wins. */
  draw(id: number, chart: string, width: number, height: number): void {
    this.show(chartSvg(id, chart, width, height));
  }

  /** Shows the SVG core is drawing, once the webview has decoded it; the latest call wins. */
  show(drawing: Promise<string>): void {
    this.present(drawing.then(decode), true);
  }

  /**
   * Shows a picture kept decoded by its program for as long as its version is shown
   * (`OpenProgram.once`), which frees it; the latest call wins.
   */
  showKept(picture: Promise<Picture>): void {
    this.present(picture, false);
  }

  private present(picture: Promise<Picture>, owned: boolean): void {
    const mine = ++this.asked;
    picture.then(
      (shown) => {
        if (mine !== this.asked) {
          if (owned) free(shown);
          return;
        }
        this.release();
        [this.url, this.owned, this.error] = [shown.url, owned, null];
      },
      (thrown) => {
        if (mine === this.asked) this.error = toApiError(thrown).message;
      },
    );
  }

  /** Frees the current picture, and drops a drawing still on its way; call when the view goes. */
  dispose(): void {
    this.asked++;
    this.release();
  }

  private release(): void {
    if (this.url && this.owned) URL.revokeObjectURL(this.url);
    this.url = null;
  }
}

/**
 * The place a chart fills, in CSS pixels: its element's inner width, and either a fixed height
 * or the height from its top to the bottom of the window. Core draws the chart at that size,
 * taller where a roadmap's rows or a report's sections need it (the place then scrolls), and
 * the window shows it at its natural size, never scaled down. The SVG is drawn in CSS pixels,
 * which the webview renders sharp at any device pixel ratio: drawing it at the ratio times
 * that size would only halve its text. Measured again, debounced, when the place is resized.
 */
export class Pane {
  width = $state(0);
  height = $state(0);

  constructor(private readonly fixedHeight?: number) {}

  /** A Svelte action: `<div use:pane.watch>`. */
  watch = (element: HTMLElement) => {
    const measure = () => {
      const top = element.getBoundingClientRect().top;
      // never wider than the window, even where a long unbroken text has stretched the page
      this.width = Math.floor(Math.min(element.clientWidth, window.innerWidth));
      this.height = this.fixedHeight ?? Math.max(300, Math.floor(window.innerHeight - top - 24));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(measure, 150);
    };
    measure();
    const observer = new ResizeObserver(later);
    observer.observe(element);
    window.addEventListener("resize", later);
    return {
      destroy() {
        observer.disconnect();
        window.removeEventListener("resize", later);
        clearTimeout(timer);
      },
    };
  };
}
