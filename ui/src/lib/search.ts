// A register's text filter applied in the window, as core applies it, to the items and search
// texts `listSearchable` sent: the table shows a keystroke's rows in the keystroke's own frame
// instead of a frame later, after a round trip to core.

/** Upper-case ASCII letters lowered, every other character kept: how SQLite's LIKE compares. */
export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * The rows whose search text holds `text` as core's filter finds it, in their order: every row
 * for a blank text (core ignores one). Null when it cannot be told here (a NUL in the text,
 * which separates the fields of a search text), and core must be asked.
 */
export function searchRows<T>(rows: T[], texts: string[], text: string): T[] | null {
  if (text.trim() === "") return rows;
  if (text.includes("\0") || texts.length !== rows.length) return null;
  const needle = lowerAscii(text);
  return rows.filter((_, i) => texts[i].includes(needle));
}

/** Whether two pages of rows hold the same items with the same content, in the same order. */
export function sameRows<T>(shown: T[] | undefined, read: T[]): boolean {
  return shown !== undefined && shown.length === read.length && JSON.stringify(shown) === JSON.stringify(read);
}
