/**
 * Normal forms of manufacturer and model texts, used as lookup and uniqueness keys (`alias_key`, `vendor_key`,
 * `name_key`). Ledgers write one maker a dozen ways (株式会社フィリップス・ジャパン, ﾌｨﾘｯﾌﾟｽ・ジｬパン株式会社,
 * Philips Japan, Ltd.); the key keeps only what tells makers apart. See docs/decisions/0023-model-catalog.md.
 */

// Japanese legal forms, matched anywhere (Japanese has no spaces around them). NFKC has already turned ㈱ and （株）
// into (株).
const JA_LEGAL = /株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|\(同\)/g

// Dotted Latin legal forms, removed before punctuation goes (so "co., ltd." and "k.k." are seen whole).
const DOTTED_LEGAL =
  /(?<![\p{L}\p{N}])(?:co\.?\s*,?\s*ltd\.?|k\.\s*k\.?|s\.\s*a\.?|b\.\s*v\.?|n\.\s*v\.?|s\.\s*p\.\s*a\.?)(?![\p{L}\p{N}])/gu

// Latin legal forms as whole words after punctuation became spaces.
const LEGAL_WORDS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'ltd',
  'limited',
  'llc',
  'gmbh',
  'ag',
  'sa',
  'kk',
  'bv',
  'nv',
  'plc',
  'spa',
  'se',
])

/** NFKC (full/half width, ㈱ → (株)) and lower case, with Latin accents dropped (Dräger ≡ Drager). */
function fold(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase()
  // Only Latin combining marks go: the Japanese voiced marks (U+3099/309A) must stay, or バ would equal ハ.
  return nfkc
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
}

/**
 * The key of a manufacturer name: NFKC, lower case, without legal forms (株式会社, (株), 有限会社, 合同会社, Inc.,
 * Corp., Corporation, Co., Ltd., LLC, GmbH, AG, S.A., K.K., B.V., plc …), spaces or punctuation (・ · , . - & …).
 * Returns '' when nothing is left (a name that is only a legal form).
 * @example normaliseManufacturer('ﾌｨﾘｯﾌﾟｽ・ジャパン株式会社') === normaliseManufacturer('株式会社フィリップス・ジャパン') // 'フィリップスジャパン'
 */
export function normaliseManufacturer(text: string): string {
  const folded = fold(text).replace(JA_LEGAL, ' ').replace(DOTTED_LEGAL, ' ')
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
  const kept = words.filter((w) => !LEGAL_WORDS.has(w))
  // "AG" alone or "SE" alone is a name, not a legal form: keep the words when dropping would leave nothing.
  return (kept.length > 0 ? kept : words).join('')
}

// Hyphen-like characters ledgers type between the parts of a model code, including the long-vowel mark ー that
// Japanese input methods give for "-" (only between Latin letters/digits, where it cannot be Japanese).
const DASHES = /[\s\-‐‑‒–—―−_]+|(?<=[a-z0-9])ー+(?=[a-z0-9])/g

/**
 * The key of a model designation (型式): NFKC, lower case, without spaces, hyphens or underscores, so TE-LM800,
 * TE LM800, TELM800 and ＴＥ－ＬＭ８００ are one model. Ledgers differ in hyphens far more often than two real models
 * differ only by one, so hyphens do not count (ADR 0023). Dots and slashes stay (MX450/MX500, 2.0).
 */
export function normaliseModel(text: string): string {
  return fold(text).replace(DASHES, '')
}
