import { cellText } from '../table-xlsx.js'
import type { Grid, GridRow } from './grid.js'
import { partText, type ZipPart } from './xlsx-parts.js'

/**
 * Worksheet XML → Grid without exceljs (ECMA-376 Part 1 §18.3.1 sheetData, §18.4 shared strings, §18.8.30 numFmt):
 * a disclosure needs cell values only, and reading them from the XML costs a fraction of exceljs' full model.
 * Values come out as ../table-xlsx.ts `cellText` gives them for exceljs cells, so both readers agree (the fuzz test
 * compares them): shared and inline strings (rich-text runs joined, phonetic runs left out), cached formula results,
 * TRUE/FALSE, error codes, numbers without float noise, and date-formatted numbers as yyyy-mm-dd (with HH:MM when a
 * time is set). Cells hidden under a merge hold no value in the XML, so merges need no handling.
 */

const ENTITY: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function xmlText(s: string): string {
  return s
    .replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g, (_, hex, dec, name) =>
      hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ENTITY[name]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)))
}

/** Text of a string item (<si> or <is>): its <t> runs, without phonetic guides (<rPh>, furigana). */
function itemText(xml: string): string {
  let out = ''
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g))
    out += m[1] ?? ''
  return xmlText(out)
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return []
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\s*\/>/g)].map((m) => itemText(m[1] ?? ''))
}

// Built-in number formats that are dates or times (ECMA-376 §18.8.30, with the East Asian ones 27–36 and 50–58).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
])
for (let i = 50; i <= 58; i++) DATE_FORMAT_IDS.add(i)

/** For each cell style index: whether it formats numbers as dates. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return []
  const custom = new Map<number, boolean>()
  for (const m of xml.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)) {
    // Quoted text, escapes and [colour]/[locale] blocks are not date parts; what remains decides.
    const code = xmlText(m[2]!).replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '')
    custom.set(Number(m[1]), /[ymdhs]/i.test(code) && !/^general$/i.test(code.trim()))
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? ''
  return [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>)/g)].map((m) => {
    const id = Number(/numFmtId="(\d+)"/.exec(m[0])?.[1] ?? 0)
    return custom.get(id) ?? DATE_FORMAT_IDS.has(id)
  })
}

/** The text of a value as ../table-xlsx.ts prints exceljs cells, so both readers agree. */
const textOf = (v: Date | number): string => {
  const t = cellText(v)
  return 'text' in t ? t.text : ''
}

/** An Excel serial as exceljs turns it into a Date (1900 or 1904 system). */
const serialDate = (serial: number, date1904: boolean): string =>
  textOf(new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000)))

const colIndex = (letters: string): number => {
  let n = 0
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64
  return n - 1
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]

/** The workbook's sheets as Grids, in workbook order (values only; `maxColumns` cells per row at most). */
export function gridsFromXml(
  bytes: Uint8Array,
  parts: ZipPart[],
  sheets: readonly { name: string; part: string }[],
  maxColumns: number,
): Grid[] {
  const strings = sharedStrings(partText(bytes, parts, 'xl/sharedStrings.xml', 64 << 20))
  const dates = dateStyles(partText(bytes, parts, 'xl/styles.xml', 16 << 20))
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(partText(bytes, parts, 'xl/workbook.xml') ?? '')
  return sheets.map((s) => {
    const xml = partText(bytes, parts, s.part, 64 << 20) ?? ''
    const rows: GridRow[] = []
    let rowNo = 0
    for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = attr(rm[1]!, 'r')
      rowNo = r ? Number(r) : rowNo + 1
      const cells: string[] = []
      let errors: Map<number, string> | undefined
      let col = -1
      for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = attr(cm[1]!, 'r')
        col = ref ? colIndex(/^[A-Z]+/.exec(ref)?.[0] ?? 'A') : col + 1
        if (col >= maxColumns) continue
        const body = cm[2] ?? ''
        const type = attr(cm[1]!, 't') ?? 'n'
        const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1]
        let text: string | null = null
        if (type === 'inlineStr') text = itemText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '')
        else if (v === undefined) continue
        else if (type === 's') text = strings[Number(v)] ?? ''
        else if (type === 'str') text = xmlText(v)
        else if (type === 'b') text = v === '1' ? 'TRUE' : 'FALSE'
        else if (type === 'd') text = xmlText(v).slice(0, 10)
        else if (type === 'e') {
          errors ??= new Map()
          errors.set(col, xmlText(v))
          text = ''
        } else {
          const n = Number(v)
          if (Number.isNaN(n)) continue
          text = dates[Number(attr(cm[1]!, 's') ?? 0)] ? serialDate(n, date1904) : textOf(n)
        }
        while (cells.length < col) cells.push('')
        cells[col] = text
      }
      if (cells.some((c) => c.trim() !== '') || errors) rows.push({ row: rowNo, cells, errors })
    }
    return { sheet: s.name, kind: 'xlsx' as const, rows }
  })
}
