import type ExcelJS from 'exceljs'
import type { BidAnswer } from '../../../api/procurement.js'
import { normaliseToken, parseAnswer } from '../../core/procurement/requirements.js'
import { loadExcelJS } from '../../documents/xlsx.js'
import { cellText } from '../table-xlsx.js'
import { checkZipOnce } from '../zip-check.js'

/**
 * Reads a vendor's answers from the returned requirement sheet (.xlsx, ADR 0039). On any sheet it looks for a header
 * row with a "No." column and an answer column (回答 / Answer), and optionally a note column (備考 / Note); below it,
 * each row with an id gives an answer (はい/一部/いいえ/不明, yes/partial/no/unknown, ○/△/×, full-width too) and a note.
 * All or nothing: every unreadable cell is a located problem (sheet, cell, value, why). Guards as for the checklist
 * edition import: size cap, ZIP checked and inflated bytes counted before exceljs opens it, sheet size bounded.
 */

export const MAX_ANSWERS_BYTES = 5 * 1024 * 1024
export const MAX_ANSWERS_INFLATED = 32 * 1024 * 1024
export const MAX_SHEET_ROWS = 2_000
export const MAX_SHEET_COLUMNS = 60
export const MAX_SHEETS = 20
const MAX_NOTE = 2000

export interface AnswersProblem {
  sheet: string | null
  cell: string | null
  value: string | null
  en: string
  ja: string
}

export type AnswersRead = { ok: true; answers: BidAnswer[]; sheet: string } | { ok: false; problems: AnswersProblem[] }

const problem = (sheet: string | null, cell: string | null, value: string | null, en: string, ja: string) => ({
  sheet,
  cell,
  value,
  en,
  ja,
})

const ID_HEADERS = new Set(['no.', 'no', 'id', '番号', 'no．'])
const ANSWER_HEADERS = new Set(['回答', 'answer'])
const NOTE_HEADERS = new Set(['備考', 'note', 'notes', 'comment'])
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/

function colName(n: number): string {
  let s = ''
  let x = n
  while (x > 0) {
    const r = (x - 1) % 26
    s = String.fromCharCode(65 + r) + s
    x = Math.floor((x - 1) / 26)
  }
  return s
}

interface Header {
  row: number
  id: number
  answer: number
  note: number | null
}

function textOf(cell: ExcelJS.Cell): string {
  const t = cellText(cell.value)
  return 'text' in t ? t.text : ''
}

function findHeader(ws: ExcelJS.Worksheet): Header | null {
  const last = Math.min(ws.rowCount, 100)
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r)
    let id = 0
    let answer = 0
    let note: number | null = null
    row.eachCell((cell, c) => {
      const t = normaliseToken(textOf(cell))
      if (!id && ID_HEADERS.has(t)) id = c
      else if (!answer && ANSWER_HEADERS.has(t)) answer = c
      else if (note === null && NOTE_HEADERS.has(t)) note = c
    })
    if (id && answer) return { row: r, id, answer, note }
  }
  return null
}

function readSheet(ws: ExcelJS.Worksheet, h: Header): { answers: BidAnswer[]; problems: AnswersProblem[] } {
  const answers: BidAnswer[] = []
  const problems: AnswersProblem[] = []
  const seen = new Map<string, string>()
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const idCell = `${colName(h.id)}${r}`
    const rawId = textOf(row.getCell(h.id)).normalize('NFKC').trim()
    const ansRaw = textOf(row.getCell(h.answer))
    const noteRaw = h.note ? textOf(row.getCell(h.note)).trim() : ''
    if (rawId === '') {
      if (ansRaw.trim() !== '')
        problems.push(
          problem(
            ws.name,
            `${colName(h.answer)}${r}`,
            ansRaw.slice(0, 100),
            'an answer on a row without a requirement No.',
            '要件番号（No.）のない行に回答があります。',
          ),
        )
      continue
    }
    if (!ID_RE.test(rawId)) {
      problems.push(
        problem(
          ws.name,
          idCell,
          rawId.slice(0, 100),
          'is not a requirement No. (letters, digits, ".", "_", "-", at most 20)',
          '要件番号として読めません（英数字と . _ - 、20 文字以内）。',
        ),
      )
      continue
    }
    const key = rawId.toUpperCase()
    const prev = seen.get(key)
    if (prev) {
      problems.push(
        problem(ws.name, idCell, rawId, `the same No. is already on ${prev}`, `同じ番号が ${prev} にもあります。`),
      )
      continue
    }
    seen.set(key, idCell)
    const ansCell = `${colName(h.answer)}${r}`
    const a = parseAnswer(ansRaw)
    if (a === 'invalid') {
      problems.push(
        problem(
          ws.name,
          ansCell,
          ansRaw.slice(0, 100),
          'is not an answer: use はい / 一部 / いいえ / 不明 (yes / partial / no / unknown)',
          '回答として読めません。はい / 一部 / いいえ / 不明 のいずれかにしてください。',
        ),
      )
      continue
    }
    if (noteRaw.length > MAX_NOTE) {
      problems.push(
        problem(
          ws.name,
          `${colName(h.note ?? 1)}${r}`,
          `${noteRaw.slice(0, 40)}…`,
          `the note is ${noteRaw.length} characters (at most ${MAX_NOTE})`,
          `備考が ${noteRaw.length} 文字あります（上限 ${MAX_NOTE} 文字）。`,
        ),
      )
      continue
    }
    if (a === null) continue
    answers.push({ itemId: rawId, answer: a, note: noteRaw })
  }
  return { answers, problems }
}

/** Reads the answers; every problem located, nothing returned when there is one. */
export async function readAnswersXlsx(bytes: Uint8Array): Promise<AnswersRead> {
  if (bytes.byteLength > MAX_ANSWERS_BYTES)
    return {
      ok: false,
      problems: [
        problem(
          null,
          null,
          null,
          `the file is ${bytes.byteLength} bytes; a requirement sheet is far smaller (limit ${MAX_ANSWERS_BYTES}).`,
          `ファイルが ${bytes.byteLength} バイトあります。要件シートはずっと小さいはずです（上限 ${MAX_ANSWERS_BYTES}）。`,
        ),
      ],
    }
  const zip = await checkZipOnce(bytes, MAX_ANSWERS_INFLATED)
  if (!zip.ok) return { ok: false, problems: [problem(null, zip.entry, null, zip.en, zip.ja)] }
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
          null,
          `the file is not a readable .xlsx workbook (${why}).`,
          `.xlsx のブックとして読めません（${why}）。`,
        ),
      ],
    }
  }
  if (wb.worksheets.length > MAX_SHEETS)
    return {
      ok: false,
      problems: [
        problem(
          null,
          null,
          null,
          `the workbook has ${wb.worksheets.length} sheets (the requirement sheet has one).`,
          `シートが ${wb.worksheets.length} 枚あります（要件シートは 1 枚です）。`,
        ),
      ],
    }
  const problems: AnswersProblem[] = []
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_SHEET_ROWS || ws.columnCount > MAX_SHEET_COLUMNS) {
      problems.push(
        problem(
          ws.name,
          null,
          null,
          `the sheet spans ${ws.rowCount} rows × ${ws.columnCount} columns; a requirement sheet has at most ${MAX_SHEET_ROWS} × ${MAX_SHEET_COLUMNS}.`,
          `シートが ${ws.rowCount} 行 × ${ws.columnCount} 列あります。要件シートは最大 ${MAX_SHEET_ROWS} 行 × ${MAX_SHEET_COLUMNS} 列です。`,
        ),
      )
      continue
    }
    const h = findHeader(ws)
    if (!h) continue
    const read = readSheet(ws, h)
    if (read.problems.length > 0) return { ok: false, problems: [...problems, ...read.problems] }
    if (read.answers.length === 0 && problems.length === 0)
      return {
        ok: false,
        problems: [
          problem(
            ws.name,
            null,
            null,
            'no answer was filled in (the 回答 / Answer column is empty).',
            '回答が 1 件も記入されていません（「回答」欄が空です）。',
          ),
        ],
      }
    if (problems.length === 0) return { ok: true, answers: read.answers, sheet: ws.name }
  }
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: false,
    problems: [
      problem(
        null,
        null,
        null,
        'no sheet has a header row with "No." and "回答" (Answer): this is not a Mamori requirement sheet.',
        '「No.」と「回答」の見出し行があるシートがありません。Mamori の要件シートではありません。',
      ),
    ],
  }
}
