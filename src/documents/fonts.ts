import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { MamoriError } from '../core/errors.js'

/**
 * The Japanese font PDFs embed: BIZ UDPGothic (Morisawa's universal-design Gothic, SIL OFL 1.1), shipped as TrueType
 * by the npm package `@expo-google-fonts/biz-udpgothic`, so `npm ci` installs it and nothing is fetched at run time
 * (ADR 0026). It covers JIS X 0208/0213 kanji, kana and Latin; the same family ships with Windows 10 and later, so a
 * .docx that names it looks like the PDF. Files are read once and kept.
 */

/** The family name a .docx asks Word for (installed with Windows 10 1809 and later). */
export const DOCX_FONT = 'BIZ UDPGothic'

const PACKAGE = '@expo-google-fonts/biz-udpgothic'
const FILES = {
  regular: `${PACKAGE}/400Regular/BIZUDPGothic_400Regular.ttf`,
  bold: `${PACKAGE}/700Bold/BIZUDPGothic_700Bold.ttf`,
} as const

export type FontWeight = keyof typeof FILES

const cache = new Map<FontWeight, Buffer>()
const require = createRequire(import.meta.url)

/** The TrueType bytes of the weight, from node_modules. Throws DOCUMENT_FONT_MISSING when the package is absent. */
export function japaneseFont(weight: FontWeight): Buffer {
  const hit = cache.get(weight)
  if (hit) return hit
  let bytes: Buffer
  try {
    bytes = readFileSync(require.resolve(FILES[weight]))
  } catch {
    throw MamoriError.of('DOCUMENT_FONT_MISSING', { file: FILES[weight], package: PACKAGE })
  }
  cache.set(weight, bytes)
  return bytes
}
