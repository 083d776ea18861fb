// Display formatting shared by the views.
import type { Industry } from "./bindings";

const INDUSTRY: Record<Industry, string> = {
  software: "Software development",
  ecommerce: "E-commerce",
  healthcare: "Healthcare technology",
  fintech: "Fintech",
  other: "Other",
};

export function industryLabel(industry: string): string {
  return INDUSTRY[industry as Industry] ?? industry;
}

// Formatters are made once, on first use, and kept: WebKit's JavaScriptCore builds a new one
// for every `toLocaleString` or `new Intl.NumberFormat`, about 0.1 ms each, and a keystroke in a
// register's filter formats every number in view (5 ms of the frame, measured in the webview).
// None is made before it is needed: this module is in the first paint's script.
let numbers: Intl.NumberFormat | undefined;

/** A number as people read it: "1,060", "10.5". */
export function number(value: number): string {
  numbers ??= new Intl.NumberFormat("en-US");
  return numbers.format(value);
}

const CURRENCIES = new Map<string, Intl.NumberFormat | null>();

/** One formatter per currency and style, made on first use; null for a currency Intl refuses. */
function formatter(currency: string, compact: boolean): Intl.NumberFormat | null {
  const key = `${currency} ${compact}`;
  let made = CURRENCIES.get(key);
  if (made === undefined) {
    try {
      made = new Intl.NumberFormat(
        "en-US",
        compact
          ? { style: "currency", currency, notation: "compact", maximumSignificantDigits: 3 }
          : { style: "currency", currency, maximumFractionDigits: 0 },
      );
    } catch {
      made = null;
    }
    CURRENCIES.set(key, made);
  }
  return made;
}

/** A whole amount in the program's currency, e.g. "$1,200,000". */
export function money(amount: number, currency: string): string {
  return formatter(currency, false)?.format(amount) ?? `${number(Math.round(amount))} ${currency}`;
}

/**
 * An amount at a readable scale for figures and summaries, as core's charts and report write
 * it: "$450M", "€2.75M"; under a million it is written in full.
 */
export function scaledMoney(amount: number, currency: string): string {
  if (Math.abs(amount) < 1_000_000) return money(amount, currency);
  return formatter(currency, true)?.format(amount) ?? money(amount, currency);
}

/** An ISO date (YYYY-MM-DD) as "4 Jan 2027", without time-zone shifts. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${d} ${months[m - 1]} ${y}`;
}

/** Whole weeks from one ISO date to another. */
export function weeksBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.floor(ms / (7 * 24 * 3600 * 1000));
}

const CHARTS: Record<string, string> = {
  gantt: "Roadmap",
  heatmap: "Risk heat map",
  stakeholders: "Stakeholder grid",
  evm: "Earned value",
  report: "Status report",
};

/** A chart's name for people: "kpi:lead-time" becomes "KPI: lead-time". */
export function chartLabel(name: string): string {
  if (name.startsWith("kpi:")) return `KPI: ${name.slice(4)}`;
  return CHARTS[name] ?? name;
}

/** A file name for an export: the program's slug and what it holds. */
export function exportFileName(slug: string, what: string, extension: string): string {
  return `${slug}-${what.replace(/[^a-z0-9-]+/gi, "-")}.${extension}`;
}

let clock: { time: Intl.DateTimeFormat; month: Intl.DateTimeFormat } | undefined;

/** An RFC 3339 time as the learner's local "14:05, 3 Mar". */
export function shortTime(rfc3339: string): string {
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return rfc3339;
  clock ??= {
    time: new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" }),
    month: new Intl.DateTimeFormat("en-GB", { month: "short" }),
  };
  return `${clock.time.format(t)}, ${t.getDate()} ${clock.month.format(t)}`;
}

/** A KPI's value with its unit: "10.5 days", "58 %". */
export function withUnit(value: number, unit: string): string {
  return `${number(value)} ${unit}`.trimEnd();
}

/** A KPI's target as the board shows it: "≤ 2 days", "≥ 90 %". */
export function kpiTarget(kpi: { direction: "lower" | "higher"; target: number; unit: string }): string {
  return `${kpi.direction === "lower" ? "≤" : "≥"} ${withUnit(kpi.target, kpi.unit)}`;
}

/** The text with its first letter upper-cased, the rest as it is ("milestone m4" -> "Milestone m4"). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
