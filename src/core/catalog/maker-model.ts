import type { ManufacturerAlias } from './model.js'
import { normaliseManufacturer } from './normalise.js'

const ASCII_ALNUM = /[a-z0-9]/i
// An explicit separator for makers the alias table does not know yet: "Acme Medical | X-200".
const SEPARATOR = /\s*[|｜\t]\s*/

/**
 * Splits "MAKER MODEL" text ("日本光電 BSM-6501", "Nihon Kohden BSM-6501", "日本光電工業株式会社BSM-6501") at the
 * longest start that is a known manufacturer name (an alias, or a vendor the aliases map to); the rest is the
 * model. A maker not in the table can be separated with "|" ("Acme Medical | X-200"). Null when no split is found.
 * The maker is returned as written; the caller maps it to a vendor through the alias table.
 * @example parseMakerModel('日本光電 BSM-6501', aliases) // { manufacturer: '日本光電', model: 'BSM-6501' }
 */
export function parseMakerModel(
  text: string,
  aliases: readonly Pick<ManufacturerAlias, 'alias' | 'vendor'>[],
): { manufacturer: string; model: string } | null {
  const written = text.normalize('NFKC').trim()
  if (written === '' || written.length > 300) return null
  const explicit = written.split(SEPARATOR)
  if (explicit.length === 2) {
    const [manufacturer, model] = explicit.map((s) => s.trim())
    return manufacturer && model ? { manufacturer, model } : null
  }
  const known = new Set<string>()
  for (const a of aliases) for (const name of [a.alias, a.vendor]) known.add(normaliseManufacturer(name))
  known.delete('')
  // Longest first: "GE HealthCare Vivid" must take "GE HealthCare", not "GE".
  for (let end = written.length - 1; end > 0; end--) {
    const before = written[end - 1] ?? ''
    const after = written[end] ?? ''
    // Never split inside a Latin word or number ("PhilipsX1" is not Philips + X1).
    if (ASCII_ALNUM.test(before) && ASCII_ALNUM.test(after)) continue
    const manufacturer = written.slice(0, end).trim()
    const model = written.slice(end).trim()
    if (!model || !known.has(normaliseManufacturer(manufacturer))) continue
    return { manufacturer, model }
  }
  return null
}
