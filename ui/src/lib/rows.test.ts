import { describe, expect, it } from "vitest";
import { RowWindow, rowRange } from "./rows.svelte";

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
