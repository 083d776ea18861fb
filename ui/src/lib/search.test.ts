import { describe, expect, it } from "vitest";
import { lowerAscii, sameRows, searchRows } from "./search";

// search texts as core writes them: key and fields, ASCII-lowered (R4 was "ÉTÉ review"),
// joined by NUL
const rows = ["R1", "R2", "R3", "R4"];
const texts = [
  "r1\0vendor api slips\0open\0s3",
  "r2\0éclair_50% \\ été\0closed\0s1",
  "r3\0budget cut\0open\0",
  "r4\0ÉtÉ review\0open\0s3",
];

describe("searchRows", () => {
  it("finds text in any case of its ASCII letters, in the rows' order", () => {
    expect(searchRows(rows, texts, "OPEN")).toEqual(["R1", "R3", "R4"]);
    expect(searchRows(rows, texts, "r2")).toEqual(["R2"]);
    expect(searchRows(rows, texts, "Vendor API")).toEqual(["R1"]);
  });
  it("folds no case outside ASCII, as SQLite's LIKE does not", () => {
    expect(searchRows(rows, texts, "été")).toEqual(["R2"]);
    expect(searchRows(rows, texts, "ÉTÉ")).toEqual(["R4"]);
    expect(searchRows(rows, texts, "Été")).toEqual([]);
  });
  it("takes LIKE's wildcards and the escape as plain characters", () => {
    expect(searchRows(rows, texts, "_50%")).toEqual(["R2"]);
    expect(searchRows(rows, texts, "\\")).toEqual(["R2"]);
    expect(searchRows(rows, texts, "%")).toEqual(["R2"]);
    expect(searchRows(rows, texts, "_")).toEqual(["R2"]);
  });
  it("never matches across two fields", () => {
    expect(searchRows(rows, texts, "slips open")).toEqual([]);
    expect(searchRows(rows, texts, "cut\0open")).toBeNull();
  });
  it("lists every row for a blank text, as core ignores one", () => {
    expect(searchRows(rows, texts, "  ")).toEqual(rows);
    expect(searchRows(rows, texts, "")).toEqual(rows);
  });
  it("leaves it to core when the texts do not fit the rows", () => {
    expect(searchRows(rows, texts.slice(1), "open")).toBeNull();
  });
  it("lowers ASCII letters only", () => {
    expect(lowerAscii("ÉTÉ Risk 12")).toBe("ÉtÉ risk 12");
  });
});

describe("sameRows", () => {
  const page = [
    { key: "R1", title: "Vendor API slips", item: { status: "open" } },
    { key: "R2", title: "Budget cut", item: { status: "closed" } },
  ];
  it("holds for a page read again with the same content", () => {
    expect(sameRows(page, structuredClone(page))).toBe(true);
  });
  it("does not hold for another order, a changed field, a missing row or nothing shown", () => {
    expect(sameRows(page, [page[1], page[0]])).toBe(false);
    expect(sameRows(page, [page[0], { ...page[1], item: { status: "open" } }])).toBe(false);
    expect(sameRows(page, [page[0]])).toBe(false);
    expect(sameRows(undefined, page)).toBe(false);
  });
});
