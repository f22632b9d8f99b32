import { createHash } from 'node:crypto'
import type ExcelJS from 'exceljs'
import type { ChecklistEdition, ChecklistForm, ChecklistItem } from '../../../api/checklist.js'
import { crosswalkOf } from '../../core/checklist/crosswalk.js'
import { BUILT_IN_EDITIONS, PRECONDITION_ID, SECTIONS } from '../../core/checklist/editions/index.js'
import { loadExcelJS } from '../../documents/xlsx.js'
import { cellText } from '../table-xlsx.js'
import { checkZipOnce } from '../zip-check.js'

/**
 * Reads a new edition of the MHLW checklist from MHLW's .xlsx form (令和8年度 onwards MHLW distributes the forms as
 * .xlsx: 「医療機関・薬局確認用」 and 「事業者確認用」). What it looks for, on any sheet:
 * - a header row with はい and いいえ (one column each, or one column naming both), 確認日 and 目標日;
 * - below it, item rows: a number cell such as 「1-①」「2-⑬」 or 「前提」, and the item's text (the longest text in the
 *   row outside the answer and date columns).
 * A workbook of another layout is refused with every problem found (sheet, cell, why) and nothing is returned.
 * Guards, as for the ledger import: the ZIP is checked and its inflated bytes counted and capped before exceljs opens it
 * (importers/zip-check.ts); a sheet larger than a form can be is refused before its rows are read.
 * Texts read from MHLW's own form are MHLW's wording (原文); English is not in the form: an item whose Japanese is the
 * same as a built-in item's gets that English, others say they are not translated yet.
 */

/** An MHLW form is a few kilobytes; these bounds are generous and still stop a crafted file early. */
export const MAX_EDITION_BYTES = 5 * 1024 * 1024
export const MAX_EDITION_INFLATED = 32 * 1024 * 1024
export const MAX_SHEET_ROWS = 2_000
export const MAX_SHEET_COLUMNS = 100
export const MAX_SHEETS = 20

export interface EditionProblem {
  sheet: string | null
  cell: string | null
  en: string
  ja: string
}

export type EditionRead = { ok: true; edition: ChecklistEdition } | { ok: false; problems: EditionProblem[] }

const ID_RE = /^[(（]?\s*(前提|[0-9０-９]\s*[-ー－‐]\s*[①-⑳])\s*[)）]?$/
const toHalf = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '')

/** "1 - ①" / "１－①" / "(前提)" → "1-①" / "前提"; null when the cell is not an item number. */
export function itemIdOf(text: string): string | null {
  const m = ID_RE.exec(text.trim())
  if (!m) return null
  if (m[1] === PRECONDITION_ID) return PRECONDITION_ID
  return toHalf(squash(m[1]!)).replace(/[ー－‐]/, '-')
}

const TARGETS: [RegExp, string][] = [
  [/医療情報システム全般/, '全般'],
  [/サーバ[、,・]\s*端末\s*PC/i, 'サーバ、端末PC'],
  [/[(（]\s*サーバ\s*[)）]/, 'サーバ'],
  [/[(（]\s*端末\s*PC\s*[)）]/i, '端末PC'],
  [/[(（]\s*ネットワーク機器\s*[)）]/, 'ネットワーク機器'],
]
const REF_RE = /(概説編|経営管理編|企画管理編|システム運用編|保守委託機関編)\s*[0-9０-９][0-9０-９.．⑪-⑳①-⑩]*/g

const problem = (sheet: string | null, cell: string | null, en: string, ja: string): EditionProblem => ({
  sheet,
  cell,
  en,
  ja,
})

interface Header {
  row: number
  yes: number[]
  no: number[]
  checked: number
  target: number
}

function findHeader(rows: Map<number, Map<number, string>>): Header | null {
  for (const [r, cells] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
    const yes: number[] = []
    const no: number[] = []
    let checked = 0
    let target = 0
    for (const [c, t] of cells) {
      const s = squash(t)
      if (s === 'はい') yes.push(c)
      else if (s === 'いいえ') no.push(c)
      else if (s.includes('はい') && s.includes('いいえ')) {
        yes.push(c)
        no.push(c)
      }
      if (s.includes('確認日')) checked = c
      if (s.includes('目標日')) target = c
    }
    if (yes.length > 0 && no.length > 0 && checked > 0 && target > 0) return { row: r, yes, no, checked, target }
  }
  return null
}

function fiscalYearOf(texts: string[]): string | null {
  for (const t of texts) {
    const m = /令和\s*([0-9０-９]+|元)\s*年度(?!\s*(まで|中|以降))/.exec(t)
    if (m) return `令和${toHalf(m[1]!)}年度`
  }
  return null
}

const romaji = (fy: string) => {
  const m = /令和(\d+|元)年度/.exec(fy)
  return m ? `r${m[1] === '元' ? 1 : m[1]}` : 'mhlw'
}

interface SheetRead {
  sheet: string
  items: ChecklistItem[]
  problems: EditionProblem[]
  texts: string[]
  header: Header | null
}

function readSheet(ws: ExcelJS.Worksheet): SheetRead {
  const name = ws.name
  const rows = new Map<number, Map<number, string>>()
  const texts: string[] = []
  const problems: EditionProblem[] = []
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, string>()
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const t = cellText(cell.value)
      if ('text' in t && t.text.trim() !== '') {
        cells.set(c, t.text.trim())
        texts.push(t.text)
      }
    })
    if (cells.size > 0) rows.set(r, cells)
  })
  const header = findHeader(rows)
  const items: ChecklistItem[] = []
  if (!header) return { sheet: name, items, problems, texts, header }
  const answerCols = new Set([...header.yes, ...header.no, header.checked, header.target])
  const seen = new Map<string, string>()
  // Some layouts print the section once ("1 体制構築" or "1" + "体制構築") and then only "①", "②" on the item rows.
  let currentSection: number | null = null
  for (const [r, cells] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
    if (r <= header.row) continue
    let id: string | null = null
    let idCol = 0
    let circled: { mark: string; col: number } | null = null
    let head: number | null = null
    for (const [c, t] of cells) {
      if (answerCols.has(c)) continue
      const got = itemIdOf(t)
      if (got) {
        id = got
        idCol = c
        break
      }
      const m = /^[(（]?\s*([①-⑳])\s*[)）]?$/.exec(t)
      if (m && !circled) circled = { mark: m[1]!, col: c }
      const h = /^([1-9１-９])\s*(?:[.．、]?\s*(?:体制|医療情報システム|インシデント).*)?$/.exec(t)
      if (h && head === null && !circled) head = Number(toHalf(h[1]!))
    }
    if (!id && head !== null) currentSection = head
    if (!id && circled && currentSection !== null) {
      id = `${currentSection}-${circled.mark}`
      idCol = circled.col
    }
    if (!id) continue
    const addr = `${columnName(idCol)}${r}`
    let text = ''
    for (const [c, t] of cells) if (c !== idCol && !answerCols.has(c) && t.length > text.length) text = t
    if (text === '') {
      problems.push(
        problem(
          name,
          addr,
          `item ${id} has no text beside its number.`,
          `項目 ${id} の番号の横に確認項目の文言がありません。`,
        ),
      )
      continue
    }
    if (seen.has(id)) {
      problems.push(
        problem(
          name,
          addr,
          `item number ${id} appears twice (first at ${seen.get(id)}).`,
          `項目番号 ${id} が 2 回あります（最初は ${seen.get(id)}）。`,
        ),
      )
      continue
    }
    seen.set(id, addr)
    const rowText = [...cells.values()].join(' ')
    const section = id === PRECONDITION_ID ? 0 : Number(id[0])
    const sec = SECTIONS[section] ?? { ja: `${section}`, en: `Section ${section}` }
    const known = BUILT_IN_EDITIONS.flatMap((e) => e.items).find(
      (i) => i.id === id && squash(i.textJa) === squash(text),
    )
    const deadline = /令和\s*([0-9０-９]+)\s*年度\s*(まで|中)/.exec(rowText)
    items.push({
      id,
      section,
      sectionTitleJa: sec.ja,
      sectionTitleEn: sec.en,
      textJa: text,
      textEn: known?.textEn ?? `(Not translated yet; Japanese only) ${text}`,
      wording: 'original',
      target: TARGETS.find(([re]) => re.test(rowText))?.[1] ?? null,
      guidelineRefs: [...new Set([...rowText.matchAll(REF_RE)].map((m) => m[0].replace(/\s+/g, ' ')))],
      deadlineNote: deadline ? `令和${toHalf(deadline[1]!)}年度${deadline[2]}` : null,
      crosswalk: crosswalkOf(id),
    })
  }
  return { sheet: name, items, problems, texts, header }
}

function columnName(c: number): string {
  let s = ''
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** Reads an MHLW checklist .xlsx into an edition, or every problem found; never throws on any input. */
export async function readEditionXlsx(bytes: Uint8Array, fileName: string, now: Date): Promise<EditionRead> {
  try {
    return await read(bytes, fileName, now)
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200)
    return {
      ok: false,
      problems: [
        problem(
          null,
          null,
          `the file could not be read as a workbook (${why}).`,
          `ブックとして読めませんでした（${why}）。`,
        ),
      ],
    }
  }
}

async function read(bytes: Uint8Array, fileName: string, now: Date): Promise<EditionRead> {
  if (bytes.byteLength > MAX_EDITION_BYTES)
    return {
      ok: false,
      problems: [
        problem(
          null,
          null,
          `the file is ${bytes.byteLength} bytes; an MHLW form is far smaller (limit ${MAX_EDITION_BYTES}).`,
          `ファイルが ${bytes.byteLength} バイトあります。厚生労働省の様式はずっと小さいはずです（上限 ${MAX_EDITION_BYTES}）。`,
        ),
      ],
    }
  const zip = await checkZipOnce(bytes, MAX_EDITION_INFLATED)
  if (!zip.ok) return { ok: false, problems: [problem(null, zip.entry, zip.en, zip.ja)] }
  const wb = new (await loadExcelJS()).Workbook()
  try {
    await wb.xlsx.load(new Uint8Array(bytes).buffer)
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200)
    return {
      ok: false,
      problems: [
        problem(
          null,
          null,
          `the file is not a readable .xlsx workbook (${why}).`,
          `.xlsx のブックとして読めません（${why}）。`,
        ),
      ],
    }
  }
  const problems: EditionProblem[] = []
  if (wb.worksheets.length > MAX_SHEETS)
    return {
      ok: false,
      problems: [
        problem(
          null,
          null,
          `the workbook has ${wb.worksheets.length} sheets (a form has a few).`,
          `シートが ${wb.worksheets.length} 枚あります（様式は数枚です）。`,
        ),
      ],
    }
  const reads: SheetRead[] = []
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_SHEET_ROWS || ws.columnCount > MAX_SHEET_COLUMNS) {
      problems.push(
        problem(
          ws.name,
          null,
          `the sheet spans ${ws.rowCount} rows × ${ws.columnCount} columns; a checklist form has at most ${MAX_SHEET_ROWS} × ${MAX_SHEET_COLUMNS}.`,
          `シートが ${ws.rowCount} 行 × ${ws.columnCount} 列あります。チェックリストの様式は最大 ${MAX_SHEET_ROWS} 行 × ${MAX_SHEET_COLUMNS} 列です。`,
        ),
      )
      continue
    }
    reads.push(readSheet(ws))
  }
  const best = reads.filter((r) => r.header && r.items.length > 0).sort((a, b) => b.items.length - a.items.length)[0]
  if (!best) {
    for (const r of reads) {
      if (!r.header)
        problems.push(
          problem(
            r.sheet,
            null,
            'no header row with はい, いいえ, 確認日 and 目標日 was found.',
            '「はい」「いいえ」「確認日」「目標日」の見出し行が見つかりません。',
          ),
        )
      else
        problems.push(
          problem(
            r.sheet,
            `${columnName(1)}${r.header.row + 1}`,
            'below the header no item numbered like 1-① or 前提 was found.',
            '見出し行の下に「1-①」や「前提」のような番号の項目が見つかりません。',
          ),
        )
      problems.push(...r.problems)
    }
    if (problems.length === 0)
      problems.push(problem(null, null, 'the workbook holds no sheet with data.', 'データのあるシートがありません。'))
    return { ok: false, problems }
  }
  if (best.problems.length > 0) return { ok: false, problems: [...problems, ...best.problems] }
  const all = reads.flatMap((r) => r.texts)
  const fiscalYearJa = fiscalYearOf(all)
  if (!fiscalYearJa)
    return {
      ok: false,
      problems: [
        problem(
          best.sheet,
          null,
          'no fiscal year such as 令和8年度 is written on the form.',
          '様式に「令和8年度」のような年度の記載がありません。',
        ),
      ],
    }
  const form: ChecklistForm = all.some((t) => t.includes('事業者確認用')) ? 'vendor' : 'hospital'
  const sha = createHash('sha256').update(bytes).digest('hex')
  const title = all
    .find((t) => t.includes('チェックリスト'))
    ?.trim()
    .slice(0, 200)
  return {
    ok: true,
    edition: {
      id: `${romaji(fiscalYearJa)}-${form}-${sha.slice(0, 8)}`,
      form,
      fiscalYearJa,
      titleJa:
        title ??
        `医療機関におけるサイバーセキュリティ対策チェックリスト(${form === 'vendor' ? '事業者確認用' : '医療機関確認用'})`,
      titleEn: `Cybersecurity checklist for medical institutions (${form === 'vendor' ? 'vendor' : 'hospital'} form), ${fiscalYearJa}`,
      builtIn: false,
      source: `${fileName} (SHA-256 ${sha})`,
      loadedAt: now.toISOString(),
      items: best.items,
    },
  }
}
