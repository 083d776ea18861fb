// A chart shown in the window: drawn by core as SVG and shown through an object URL (never
// inlined, the SVG holds pack text). A reply for a drawing no longer wanted is dropped, so
// the picture always matches the latest request.
import { chartSvg, toApiError } from "./api";

export class ChartImage {
  url = $state<string | null>(null);
  error = $state<string | null>(null);
  private asked = 0;

  /** Draws `chart` of program `id` at this size; the latest call wins. */
  draw(id: number, chart: string, width: number, height: number): void {
    this.show(chartSvg(id, chart, width, height));
  }

  /** Shows the SVG core is drawing; the latest call wins. */
  show(drawing: Promise<string>): void {
    const mine = ++this.asked;
    drawing.then(
      (svg) => {
        if (mine !== this.asked) return;
        this.dispose();
        this.url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
        this.error = null;
      },
      (thrown) => {
        if (mine === this.asked) this.error = toApiError(thrown).message;
      },
    );
  }

  /** Frees the current picture; call when the view goes. */
  dispose(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
  }
}

/**
 * The height a roadmap of `rows` rows (milestones and workstream headings) needs to keep its
 * labels readable, within core's 10,000 px limit: past that it shows its first rows.
 */
export function roadmapHeight(rows: number): number {
  return Math.min(10_000, Math.max(400, 110 + rows * 22));
}
