import type { DisclosureForm } from '../disclosure.js'

/**
 * Reads a question id as people write it into the canonical id of the form's question set: full-width characters,
 * case, spaces and dash look-alikes are ignored (`ｍｌｄｐ－２．１`, `MLDP 2.1` → `MLDP-2.1`; 2013: `12 - 1.1`).
 * A section code that is not in the set but becomes a known id when its letters are swapped or one letter is
 * changed (`SHAD-15`, printed on published 2019 forms, → `SAHD-15`) is corrected and flagged, so the reader can
 * say so. An id that has the shape of an id but is in no question set comes back unchanged (the reader warns);
 * null means the text is not a question id at all.
 */

// Hyphen look-alikes people (and Japanese IMEs) type: NFKC keeps most of them as they are.
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70\ufe58\ufe63]/g

/** NFKC (full-width → half-width), upper case, dash look-alikes → "-", no spaces, no trailing dots or colons. */
export function cleanId(written: string): string {
  return written
    .normalize('NFKC')
    .replace(DASHES, '-')
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[.:：]+$/, '')
}

const ID_2019 = /^([A-Z]{3,4})-?(\d{1,2}(?:\.\d{1,2}){0,3})$/
const ID_2013 = /^(\d{1,2})-(\d{1,2}(?:\.\d{1,2}){0,2})$/
const ID_2013_PRIVATE = /^([A-D])(?:\.(\d))?$/

/** Ids with the section's letters in another order or one letter off, that are in `known`; null unless exactly one. */
function correctedSection(section: string, rest: string, known: ReadonlySet<string>): string | null {
  const sorted = [...section].sort().join('')
  const hits = new Set<string>()
  for (const id of known) {
    const dash = id.indexOf('-')
    const s = id.slice(0, dash)
    if (id.slice(dash + 1) !== rest || s.length !== section.length) continue
    const anagram = [...s].sort().join('') === sorted
    let diff = 0
    for (let i = 0; i < s.length; i++) if (s[i] !== section[i]) diff++
    if (anagram || diff === 1) hits.add(id)
  }
  return hits.size === 1 ? [...hits][0]! : null
}

/** See the file comment. `known`: the canonical ids of the form's question set. */
export function normaliseIdIn(
  written: string,
  form: DisclosureForm,
  known: ReadonlySet<string>,
): { id: string; corrected: boolean } | null {
  const id = cleanId(written)
  if (id === '' || id.length > 40) return null
  if (form === 'mds-sds') return { id, corrected: false }
  if (form === 'mds2-2013') {
    const m = ID_2013.exec(id)
    if (m) return { id: `${Number(m[1])}-${m[2]}`, corrected: false }
    const p = ID_2013_PRIVATE.exec(id)
    if (p) return { id: p[2] ? `${p[1]}.${p[2]}` : p[1]!, corrected: false }
    return null
  }
  const m = ID_2019.exec(id)
  // "Note 3" in an id column is a note, not a question.
  if (!m || m[1] === 'NOTE') return null
  const canonical = `${m[1]}-${m[2]}`
  if (known.has(canonical)) return { id: canonical, corrected: false }
  const fixed = correctedSection(m[1]!, m[2]!, known)
  return fixed ? { id: fixed, corrected: true } : { id: canonical, corrected: false }
}
