import { describe, expect, it } from "vitest";
import { Pages, RowWindow, rowRange, type Page } from "./rows.svelte";

describe("the rows of a long table in view", () => {
  it("builds the rows in view and a few more each side", () => {
    // 10 rows of 30 px in view at the top, 2 more below
    expect(rowRange(5000, 0, 300, 30, 2)).toEqual([0, 12]);
    // scrolled to row 100: rows 98 to 112
    expect(rowRange(5000, 3000, 300, 30, 2)).toEqual([98, 112]);
  });

  it("stops at the last row, and builds none of none", () => {
    expect(rowRange(105, 3000, 300, 30, 2)).toEqual([98, 105]);
    expect(rowRange(5, 0, 300, 30, 6)).toEqual([0, 5]);
    expect(rowRange(0, 0, 300, 30, 6)).toEqual([0, 0]);
    // a box scrolled past rows since removed
    expect(rowRange(3, 3000, 300, 30, 2)).toEqual([3, 3]);
  });

  it("says how much room the rows not built take above and below", () => {
    // a box not yet measured: the overscan's rows from the top
    expect(new RowWindow(30, 6).range(100)).toEqual({ first: 0, end: 6, above: 0, below: 94 * 30 });
  });
});

describe("a long list read a page at a time", () => {
  /** A list of `n` numbers, its reads recorded and answered when told. */
  function list(n: number) {
    const reads: { offset: number; limit: number; answer: (items?: number[]) => void; fail: () => void }[] = [];
    const read = (offset: number, limit: number) =>
      new Promise<Page<number>>((resolve, reject) => {
        reads.push({
          offset,
          limit,
          answer: (items) => resolve({ total: items?.length ?? n, rows: (items ?? Array.from({ length: n }, (_, i) => i)).slice(offset, offset + limit) }),
          fail: () => reject(new Error("no")),
        });
      });
    return { reads, pages: new Pages(read, 10) };
  }
  const settled = () => new Promise((r) => setTimeout(r, 0));

  it("reads the first page to learn the length, then only the pages in view, once each", async () => {
    const { reads, pages } = list(95);
    pages.want(0, 0, 1);
    expect([reads.map((r) => r.offset), pages.reading]).toEqual([[0], 1]);
    reads[0].answer();
    await settled();
    expect([pages.total, pages.reading]).toEqual([95, 0]);
    expect(pages.at(3)).toBe(3);
    pages.want(0, 25, 1);
    expect(reads.map((r) => r.offset)).toEqual([0, 10, 20]);
    expect(pages.at(15)).toBeNull();
    pages.want(15, 25, 1);
    expect(reads).toHaveLength(3);
  });

  it("after a change reads the pages in view again, showing the old rows until they come", async () => {
    const { reads, pages } = list(30);
    pages.want(0, 20, 1);
    reads.forEach((r) => r.answer());
    await settled();
    pages.want(10, 20, 2);
    expect(reads.slice(2).map((r) => r.offset)).toEqual([10]);
    expect(pages.at(12)).toBe(12);
    reads[2].answer([...Array.from({ length: 10 }, (_, i) => i), 100, 101, 102]);
    await settled();
    expect(pages.total).toBe(13);
    expect(pages.at(12)).toBe(102);
    // the first page, not asked for in the new version, went with its version
    expect(pages.at(3)).toBeNull();
  });

  it("drops a reply of the version before, and asks a failed page again", async () => {
    const { reads, pages } = list(30);
    pages.want(0, 5, 1);
    pages.want(0, 5, 2);
    reads[0].answer([7, 7, 7]);
    await settled();
    expect(pages.total).toBe(0);
    reads[1].fail();
    await settled();
    expect((pages.error as Error).message).toBe("no");
    pages.want(0, 5, 2);
    expect(reads).toHaveLength(3);
    reads[2].answer();
    await settled();
    expect([pages.at(0), pages.error]).toEqual([0, null]);
  });
});
