import { describe, expect, it } from "vitest";
import { industryLabel, kpiTarget, longDate, money, number, scaledMoney, shortTime, weeksBetween, withUnit } from "./format";
import { ApiError, toApiError } from "./api";

describe("format", () => {
  it("writes a KPI's figures with their unit, and its target with the side that is good", () => {
    expect(withUnit(1060, "ms")).toBe("1,060 ms");
    expect(withUnit(3, "")).toBe("3");
    expect(kpiTarget({ direction: "lower", target: 2, unit: "days" })).toBe("≤ 2 days");
    expect(kpiTarget({ direction: "higher", target: 99.95, unit: "%" })).toBe("≥ 99.95 %");
  });
  it("writes money in the program's currency without cents", () => {
    expect(money(1_200_000, "USD")).toBe("$1,200,000");
    expect(money(950_000.4, "EUR")).toBe("€950,000");
  });
  it("writes large figures at a readable scale with their currency", () => {
    expect(scaledMoney(450_000_000, "USD")).toBe("$450M");
    expect(scaledMoney(2_750_000, "EUR")).toBe("€2.75M");
    expect(scaledMoney(218_000, "USD")).toBe("$218,000");
  });
  it("falls back to a plain number for an unknown currency code", () => {
    expect(money(1500, "XYZ1")).toBe("1,500 XYZ1");
    expect(scaledMoney(2_500_000, "XYZ1")).toBe("2,500,000 XYZ1");
  });
  it("formats as well with the formatters it keeps as with new ones", () => {
    for (const value of [0, 3, 1060.5, -12.25, 1234567.891]) {
      expect(number(value)).toBe(value.toLocaleString("en-US"));
    }
    // a second use finds the kept formatter (or the kept refusal) and answers the same
    for (const _ of [1, 2]) {
      expect(money(2_000, "GBP")).toBe("£2,000");
      expect(scaledMoney(3_100_000, "GBP")).toBe("£3.1M");
      expect(money(7, "XYZ1")).toBe("7 XYZ1");
    }
  });
  it("writes a moment as the learner's local time and day", () => {
    const local = new Date(2027, 2, 3, 14, 5).toISOString();
    expect(shortTime(local)).toBe("14:05, 3 Mar");
    expect(shortTime(local)).toBe("14:05, 3 Mar");
    expect(shortTime("not a time")).toBe("not a time");
  });
  it("writes ISO dates without shifting them across time zones", () => {
    expect(longDate("2027-01-04")).toBe("4 Jan 2027");
    expect(longDate("not a date")).toBe("not a date");
  });
  it("counts whole weeks", () => {
    expect(weeksBetween("2027-01-04", "2027-06-25")).toBe(24);
  });
  it("names industries for people", () => {
    expect(industryLabel("fintech")).toBe("Fintech");
    expect(industryLabel("space")).toBe("space");
  });
});

describe("api errors", () => {
  it("keeps the kind and message the Rust side chose", () => {
    const e = toApiError({ kind: "not_found", message: "program not found: 9" });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.kind).toBe("not_found");
    expect(e.message).toBe("program not found: 9");
  });
  it("never shows a raw dump for other failures", () => {
    expect(toApiError(new Error("boom")).message).toBe("boom");
    expect(toApiError(42).message).toBe("Something went wrong.");
  });
});

import { chartLabel, exportFileName, sentence } from "./format";

describe("exports", () => {
  it("names charts for people", () => {
    expect(chartLabel("heatmap")).toBe("Risk heat map");
    expect(chartLabel("kpi:lead-time")).toBe("KPI: lead-time");
    expect(chartLabel("mystery")).toBe("mystery");
  });
  it("suggests safe file names", () => {
    expect(exportFileName("atlas-migration", "kpi:lead-time", "png")).toBe("atlas-migration-kpi-lead-time.png");
    expect(exportFileName("atlas", "risks", "csv")).toBe("atlas-risks.csv");
  });
});

describe("sentence", () => {
  it("upper-cases the first letter only, so a key keeps its case", () => {
    expect(sentence("milestone m4")).toBe("Milestone m4");
    expect(sentence("")).toBe("");
  });
});
