/**
 * Spreadsheet formula guarding (OWASP "CSV injection"): a cell that Excel or LibreOffice could run as a formula gets
 * a leading apostrophe, which both show as "this is text" and hide. Pure; shared by every file writer and the importer.
 *
 * Guarded: a cell whose first character is = + - @ (ASCII or full-width ＝ ＋ － ＠, which Japanese IMEs type and
 * Excel treats like ASCII), tab, CR or LF, also after leading spaces (ASCII, no-break or full-width): " =1+1" and
 * "　＝cmd" are guarded too. Negative numbers ("-5") are guarded as OWASP says; the importer strips the apostrophe.
 */
const TRIGGER = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u

/** True when a spreadsheet could read `v` as a formula. */
export function isFormulaLike(v: string): boolean {
  return TRIGGER.test(v)
}

/** `v` with a leading apostrophe when a spreadsheet could read it as a formula, else `v` unchanged. */
export function guardFormula(v: string): string {
  return TRIGGER.test(v) ? `'${v}` : v
}

/** The inverse of guardFormula: strips the apostrophe it added (and only that one), so an export re-imports exactly. */
export function unguardFormula(v: string): string {
  return v.length > 1 && v[0] === "'" && TRIGGER.test(v.slice(1)) ? v.slice(1) : v
}
