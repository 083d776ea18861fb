// The generic form's model: core's field descriptors turned into the values a form holds, the
// item JSON an edit sends, the columns a table shows, and problems placed beside their fields.
// No register is named here; every register is a descriptor from core.
import type { Field, FieldProblem, ItemTitle, Raci, RegisterInfo } from "./bindings";
import { longDate, money, number } from "./format";

/** What one field holds while the learner types: text as typed, a list, or a RACI. */
export type FieldValue = string | string[] | Raci;
export type FormValues = Record<string, FieldValue>;

export const emptyRaci = (): Raci => ({ responsible: [], consulted: [], informed: [] });

function blank(field: Field): FieldValue {
  switch (field.kind.type) {
    case "references":
      return [];
    case "raci":
      return emptyRaci();
    default:
      return "";
  }
}

/** The form's values for an item (or a blank form when there is none). */
export function formValues(fields: Field[], item?: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const v = item?.[field.name];
    if (v === undefined || v === null) values[field.name] = blank(field);
    else if (field.kind.type === "references") values[field.name] = (v as string[]).slice();
    else if (field.kind.type === "raci") {
      const r = v as Raci;
      values[field.name] = {
        accountable: r.accountable,
        responsible: [...r.responsible],
        consulted: [...r.consulted],
        informed: [...r.informed],
      };
    } else values[field.name] = String(v);
  }
  return values;
}

/**
 * The item JSON for an edit. An empty optional field is left out (core fills its default); a
 * number that does not parse is sent as typed, so core's message says what is wrong with it.
 */
export function itemFrom(fields: Field[], values: FormValues): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const field of fields) {
    const v = values[field.name];
    if (typeof v === "string") {
      const text = field.kind.type === "long_text" ? v : v.trim();
      if (text === "") continue;
      if (field.kind.type === "number") {
        const n = Number(text.replace(/,/g, ""));
        item[field.name] = Number.isFinite(n) ? n : text;
      } else item[field.name] = text;
    } else if (Array.isArray(v)) item[field.name] = v;
    else {
      const raci: Raci = { responsible: v.responsible, consulted: v.consulted, informed: v.informed };
      if (v.accountable) raci.accountable = v.accountable;
      item[field.name] = raci;
    }
  }
  return item;
}

/**
 * The problems of a refused edit by field name: `risks[R7].likelihood` and
 * `milestones[M1].depends_on[2]` belong to `likelihood` and `depends_on`. Those at no field
 * (a rename refused while referenced) are under "".
 */
export function problemsByField(problems: FieldProblem[], fields: Field[]): Record<string, string> {
  const names = new Set(fields.map((f) => f.name));
  const out: Record<string, string> = {};
  for (const p of problems) {
    const rest = p.path.replace(/^[a-z_]+\[[^\]]*\]\.?/, "");
    const name = rest.split(/[.[]/)[0];
    const at = names.has(name) ? name : "";
    out[at] = out[at] ? `${out[at]} ${p.message}` : p.message;
  }
  return out;
}

/**
 * The columns a register's table shows, at most `max`: its short fields, and a list or a long
 * text only where every item must have one, as what the item is (whom a communication was with
 * and what was said); other lists, long texts and RACIs are read in the form.
 */
export function columnsOf(info: RegisterInfo, max = 7): Field[] {
  const long = (f: Field) => f.kind.type === "long_text" || f.kind.type === "references";
  return info.fields.filter((f) => f.kind.type !== "raci" && (!long(f) || f.required)).slice(0, max);
}

/**
 * The leading `columns` that fit in a table `room` px wide (without its actions), at `em` px to
 * the em: trailing columns are left out, down to three, until the columns without a width of
 * their own (the title) have at least `least` px each. Seven columns of a risk in a window
 * 1280 px wide left the risk's title 110 px, about 15 characters. A room of 0 (not yet
 * measured) keeps every column.
 */
export function fitColumns(columns: Field[], info: RegisterInfo, room: number, em = 14, least = 150): Field[] {
  let shown = columns;
  while (room > 0 && shown.length > 3) {
    let fixed = 0;
    let shared = 0;
    shown.forEach((field, i) => {
      const width = columnWidth(field, i, info);
      if (width === undefined) shared++;
      else fixed += width.endsWith("%") ? (room * parseFloat(width)) / 100 : parseFloat(width) * em;
    });
    if (shared === 0 || (room - fixed) / shared >= least) break;
    shown = shown.slice(0, -1);
  }
  return shown;
}

/**
 * A column's width when its values are short (a key, a number, a date, a choice): room for the
 * longer of its header with the sort arrow and its longest value, at about 0.6em a character
 * plus the cell's padding, at most 10em. A long text takes 35% of the table. The item's title
 * (its first text or reference after the key) gets none and takes what is left, so it is as
 * wide as the window allows; any other text or reference (an owner's name, a category) gets
 * 10em, about 15 characters, whole on hover. When they shared what was left equally, a risk's
 * title had about 155 px in a window 1280 px wide, as much as its category.
 */
export function columnWidth(field: Field, index: number, info: RegisterInfo): string | undefined {
  const kind = field.kind;
  const key = index === 0 && info.keyed;
  if (!key && names(field)) return field.name === titleOf(info)?.name ? undefined : "10em";
  let longest: number;
  if (key) longest = 8;
  else if (kind.type === "number") longest = kind.money ? 11 : 6;
  else if (kind.type === "date") longest = 11; // "15 Jan 2027"
  else if (kind.type === "choice") longest = Math.max(...kind.choices.map((c) => c.length));
  // what was said (a communication's summary) has the most to show
  else if (kind.type === "long_text") return "35%";
  else return undefined;
  const chars = Math.max(field.label.length + 2, longest);
  return `${Math.min(10, Math.round((chars * 0.6 + 1.5) * 10) / 10)}em`;
}

/** A field whose values are words or names: a text, or a reference to another item. */
const names = (f: Field) => f.kind.type === "text" || f.kind.type === "reference" || f.kind.type === "references";

/** The field that says what an item is: its first text or reference after the key. */
function titleOf(info: RegisterInfo): Field | undefined {
  return info.fields.find((f, i) => names(f) && !(i === 0 && info.keyed));
}

/** Fields a table offers as filters: a status, an owner, and whose item (workstream, KPI) it is. */
export function filtersOf(info: RegisterInfo): Field[] {
  const typed = info.fields.filter(
    (f) =>
      (f.kind.type === "choice" && f.name === "status") ||
      (f.kind.type === "reference" && ["owner", "workstream", "kpi"].includes(f.name)),
  );
  // figures core works out, such as a risk's level, filter like a choice the learner made
  return [...typed, ...info.derived.filter((f) => f.kind.type === "choice")];
}

/**
 * A cell's text: a reference, or each of a list of them, shows the title of what it names when
 * known, an amount of money its currency, and a date is written as the rest of the window writes
 * it ("5 Jan 2027"), which core's text filter finds too.
 */
export function cellText(value: unknown, field: Field, titles?: Map<string, string>, currency?: string): string {
  if (value === undefined || value === null || value === "") return "";
  const title = (key: unknown) => titles?.get(String(key)) ?? String(key);
  if (field.kind.type === "reference") return title(value);
  if (field.kind.type === "number" && typeof value === "number") {
    return field.kind.money && currency ? money(value, currency) : number(value);
  }
  if (field.kind.type === "date" && typeof value === "string") return longDate(value);
  if (Array.isArray(value)) return value.map(title).join(", ");
  return String(value);
}

/**
 * Whether a register's titles, read again after a change, are those already shown: a table's
 * filter or a form's picker of hundreds is drawn again only when one of them changed.
 */
export function sameTitles(shown: ItemTitle[] | undefined, read: ItemTitle[]): boolean {
  return shown !== undefined && shown.length === read.length && shown.every((t, i) => t.key === read[i].key && t.title === read[i].title);
}

/** A new key for a duplicate: `R3` becomes `R3-copy`, then `R3-copy-2`, avoiding `taken`. */
export function copyKey(key: string, taken: (k: string) => boolean): string {
  let candidate = `${key}-copy`;
  for (let n = 2; taken(candidate); n++) candidate = `${key}-copy-${n}`;
  return candidate;
}

/**
 * Rows for a long text's box: enough to show what it holds (about 45 characters a line in the
 * form's width), from 3 to 8; a longer text scrolls inside its box.
 */
export function textRows(text: string): number {
  const lines = text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 45)), 0);
  return Math.min(8, Math.max(3, lines));
}
