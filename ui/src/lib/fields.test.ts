import { describe, expect, it } from "vitest";
import type { Field, RegisterInfo } from "./bindings";
import { cellText, columnWidth, columnsOf, copyKey, filtersOf, fitColumns, formValues, itemFrom, problemsByField, sameTitles, textRows } from "./fields";

const text = (name: string, required = false): Field => ({ name, label: name, kind: { type: "text" }, required, help: "" });
const FIELDS: Field[] = [
  text("id", true),
  text("title", true),
  { name: "likelihood", label: "Likelihood", kind: { type: "number", min: 1, max: 5, whole: true, money: false }, required: true, help: "" },
  { name: "owner", label: "Owner", kind: { type: "reference", register: "stakeholders" }, required: false, help: "" },
  { name: "depends_on", label: "Depends on", kind: { type: "references", register: "milestones" }, required: false, help: "" },
  { name: "raci", label: "RACI", kind: { type: "raci" }, required: false, help: "" },
  { name: "cause", label: "Cause", kind: { type: "long_text" }, required: false, help: "" },
];

describe("the generic form", () => {
  it("round-trips an item through the form's values", () => {
    const item = {
      id: "R1", title: "Vendor slips", likelihood: 3, owner: "cto", depends_on: ["M1"],
      raci: { accountable: "cto", responsible: ["platform"], consulted: [], informed: [] }, cause: "Because",
    };
    expect(itemFrom(FIELDS, formValues(FIELDS, item))).toEqual(item);
  });
  it("leaves empty optional fields out so core fills their defaults", () => {
    const values = formValues(FIELDS);
    values.id = "R2";
    values.title = "  Padded  ";
    expect(itemFrom(FIELDS, values)).toEqual({
      id: "R2", title: "Padded", depends_on: [], raci: { responsible: [], consulted: [], informed: [] },
    });
  });
  it("sends a number that does not parse as typed, for core to name the problem", () => {
    const values = formValues(FIELDS, { likelihood: 2 });
    values.likelihood = "high";
    expect(itemFrom(FIELDS, values).likelihood).toBe("high");
    values.likelihood = "1,200";
    expect(itemFrom(FIELDS, values).likelihood).toBe(1200);
  });
  it("puts each problem beside its field, and one at no field above them", () => {
    const found = problemsByField(
      [
        { path: "risks[R7].likelihood", message: "expected a whole number from 1 to 5" },
        { path: "milestones[M1].depends_on[2]", message: "no milestone M9" },
        { path: "risks[R7]", message: "R7 is referred to by issues/I-R7" },
      ],
      FIELDS,
    );
    expect(found).toEqual({
      likelihood: "expected a whole number from 1 to 5",
      depends_on: "no milestone M9",
      "": "R7 is referred to by issues/I-R7",
    });
  });
});

describe("the generic table", () => {
  const level: Field = { name: "level", label: "Level", kind: { type: "choice", choices: ["low", "high"] }, required: false, help: "" };
  const info: RegisterInfo = { register: "risks", noun: "risk", label: "Risks", keyed: true, fields: FIELDS, derived: [level] };
  it("shows the short fields as columns", () => {
    expect(columnsOf(info).map((f) => f.name)).toEqual(["id", "title", "likelihood", "owner"]);
    expect(columnsOf(info, 2).map((f) => f.name)).toEqual(["id", "title"]);
  });
  it("gives short values the width of their header or longest value, names 10em, and leaves the rest to the title", () => {
    const widths = columnsOf(info).map((f, i) => columnWidth(f, i, info));
    // "id" is short, so its width is a key's; "Likelihood" and its sort arrow are 12 characters
    expect(widths).toEqual(["6.3em", undefined, "8.7em", "10em"]);
    expect(columnWidth(level, 3, info)).toBe("5.7em");
    const response: Field = { ...level, label: "Response", kind: { type: "choice", choices: ["reduce", "transfer the risk away"] } };
    expect(columnWidth(response, 3, info)).toBe("10em");
    // a register without keys starts with a field like any other
    expect(columnWidth(FIELDS[0], 0, { ...info, keyed: false })).toBeUndefined();
  });
  it("writes a reference by the title of what it names, money with its currency and a date in words", () => {
    const owner = FIELDS[3];
    expect(cellText("cto", owner, new Map([["cto", "Ana Ruiz"]]))).toBe("Ana Ruiz");
    expect(cellText("gone", owner, new Map())).toBe("gone");
    const amount: Field = { name: "amount", label: "Amount", kind: { type: "number", whole: false, money: true }, required: true, help: "" };
    expect(cellText(218000, amount, undefined, "EUR")).toBe("€218,000");
    const people: Field = { name: "stakeholders", label: "With", kind: { type: "references", register: "stakeholders" }, required: true, help: "" };
    expect(cellText(["cto", "gone"], people, new Map([["cto", "Ana Ruiz"]]))).toBe("Ana Ruiz, gone");
    const date: Field = { name: "date", label: "Date", kind: { type: "date" }, required: true, help: "" };
    expect(cellText("2027-01-05", date)).toBe("5 Jan 2027");
  });
  it("shows a list or a long text only where every item has one, as what the item is", () => {
    const communications: RegisterInfo = {
      register: "communications", noun: "communication", label: "Communications", keyed: false, derived: [],
      fields: [
        { name: "date", label: "Date", kind: { type: "date" }, required: true, help: "" },
        { name: "stakeholders", label: "With", kind: { type: "references", register: "stakeholders" }, required: true, help: "" },
        text("channel"),
        { name: "summary", label: "Summary", kind: { type: "long_text" }, required: true, help: "" },
        { name: "decisions", label: "Decisions", kind: { type: "long_text" }, required: false, help: "" },
      ],
    };
    expect(columnsOf(communications).map((f) => f.name)).toEqual(["date", "stakeholders", "channel", "summary"]);
    // what was said gets the most room, the channel a name's, and whom with (what the entry is
    // in a register without titles) the rest
    expect(columnsOf(communications).map((f, i) => columnWidth(f, i, communications))).toEqual(["8.1em", undefined, "10em", "35%"]);
  });
  it("leaves out trailing columns until the title has room, down to three", () => {
    const choice = (name: string, label: string): Field => ({ name, label, kind: { type: "choice", choices: ["reduce", "transfer"] }, required: true, help: "" });
    const columns = [...columnsOf(info), choice("response", "Response"), choice("category", "Category")];
    expect(columns.map((f) => f.name)).toEqual(["id", "title", "likelihood", "owner", "response", "category"]);
    // fixed: id 6.3em, likelihood 8.7em, owner 10em, response and category 7.5em each: 560 px at 14 px
    expect(fitColumns(columns, info, 1000).length).toBe(6); // 1000 - 560 = 440 px for the title
    expect(fitColumns(columns, info, 700).map((f) => f.name)).toEqual(["id", "title", "likelihood", "owner", "response"]);
    expect(fitColumns(columns, info, 300).map((f) => f.name)).toEqual(["id", "title", "likelihood"]);
    // not yet measured: every column
    expect(fitColumns(columns, info, 0).length).toBe(6);
  });
  it("filters by owner and by what core works out, such as a risk's level", () => {
    expect(filtersOf(info).map((f) => f.name)).toEqual(["owner", "level"]);
  });
  it("gives a long text's box the rows its text needs, from 3 to 8", () => {
    expect(textRows("")).toBe(3);
    expect(textRows("x".repeat(200))).toBe(5);
    expect(textRows("one\ntwo\nthree\nfour")).toBe(4);
    expect(textRows("x".repeat(2000))).toBe(8);
  });
  it("finds a free key for a duplicate", () => {
    const taken = new Set(["R3-copy", "R3-copy-2"]);
    expect(copyKey("R3", (k) => taken.has(k))).toBe("R3-copy-3");
  });
});

describe("titles read again after a change", () => {
  const read = [{ key: "cto", title: "Priya Raman" }, { key: "cfo", title: "Sam Okafor" }];
  it("are the same when every key and title is, in order", () => {
    expect(sameTitles(read.map((t) => ({ ...t })), read)).toBe(true);
  });
  it("differ when nothing was shown yet, or one is added, renamed, removed or moved", () => {
    expect(sameTitles(undefined, read)).toBe(false);
    expect(sameTitles(read, [...read, { key: "coo", title: "Lee" }])).toBe(false);
    expect(sameTitles(read, [read[0], { key: "cfo", title: "Sam Okafor-Lee" }])).toBe(false);
    expect(sameTitles(read, [read[0]])).toBe(false);
    expect(sameTitles(read, [read[1], read[0]])).toBe(false);
  });
});
