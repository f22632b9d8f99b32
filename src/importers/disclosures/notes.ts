import type { DisclosureNote } from '../../core/disclosures/disclosure.js'
import { clean, type GridRow, labelKey } from './grid.js'

/**
 * The notes block of a form: "Note 3: text" (text in the same cell or the next cell to the right), or a "Notes"
 * header row followed by numbered rows ("1" | text, "1. text"). `isQuestionRow` keeps question rows out.
 * Returns the notes (first one wins for a number) and the row each note came from.
 */
const NOTE_INLINE = /^(?:note|notes|注記|注|備考)\s*#?\s*(\d{1,3})\s*[:：.)\-–]?\s*([\s\S]*)$/i
const NUMBERED = /^(\d{1,3})\s*[.)）:：]?\s*([\s\S]*)$/
const NOTES_HEADER = new Set(['notes', 'note', 'notes.', '注記', '注記欄', '備考', '補足', 'notes(注記)'])

const firstFilled = (cells: string[], from: number): { index: number; text: string } | null => {
  for (let i = from; i < cells.length; i++) {
    const t = clean(cells[i] ?? '')
    if (t !== '') return { index: i, text: t }
  }
  return null
}

export function readNotes(
  rows: readonly GridRow[],
  isQuestionRow: (r: GridRow) => boolean,
): { notes: DisclosureNote[]; rowOf: Map<number, number> } {
  const notes: DisclosureNote[] = []
  const rowOf = new Map<number, number>()
  const add = (number: number, text: string, row: number) => {
    if (number < 1 || text === '' || rowOf.has(number)) return
    notes.push({ number, text })
    rowOf.set(number, row)
  }
  let inBlock = false
  for (const r of rows) {
    if (isQuestionRow(r)) {
      inBlock = false
      continue
    }
    const first = firstFilled(r.cells, 0)
    if (!first) continue
    const inline = NOTE_INLINE.exec(first.text)
    if (inline) {
      const text = clean(inline[2] ?? '') || (firstFilled(r.cells, first.index + 1)?.text ?? '')
      add(Number(inline[1]), text, r.row)
      continue
    }
    if (NOTES_HEADER.has(labelKey(first.text))) {
      inBlock = true
      continue
    }
    if (inBlock) {
      const numbered = NUMBERED.exec(first.text)
      if (numbered) {
        const text = clean(numbered[2] ?? '') || (firstFilled(r.cells, first.index + 1)?.text ?? '')
        add(Number(numbered[1]), text, r.row)
      }
    }
  }
  notes.sort((a, b) => a.number - b.number)
  return { notes, rowOf }
}
