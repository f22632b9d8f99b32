import type { ImportPreview, ImportProblemDto } from '../../../api/import.js'
import type { ImportAction } from '../../core/ledger/decide.js'
import { importText } from '../../core/ledger/import-row.js'

/**
 * The parts of a preview a person reads: a few sample rows per action, and the problem list (errors first, repeated
 * warnings collapsed, capped so a broken file of 100,000 rows does not send 100,000 problems).
 */

type Sample = ImportPreview['sample'][number]

/** Keeps the first `perAction` samples of each action. */
export class PreviewSamples {
  private readonly samples: Record<ImportAction, Sample[]> = { create: [], update: [], unchanged: [], reject: [] }

  constructor(private readonly perAction: number) {}

  /** The summary is a thunk: building it for 100,000 rows that are never shown is wasted work. */
  add(action: ImportAction, row: number, assetTag: string | null, summary: () => string, by: string | null): void {
    const list = this.samples[action]
    if (list.length < this.perAction) list.push({ row, action, assetTag, summary: summary(), matchedBy: by })
  }

  /** Creates, then updates, unchanged and rejected rows. */
  list(): Sample[] {
    const s = this.samples
    return [...s.create, ...s.update, ...s.unchanged, ...s.reject]
  }
}

/**
 * Appends `all` to `problems` up to `maxProblems` in total, then one warning that says how many were left out
 * (the counts in the preview stay exact).
 */
export function appendCapped(
  problems: ImportProblemDto[],
  all: readonly ImportProblemDto[],
  maxProblems: number,
): void {
  const room = Math.max(0, maxProblems - problems.length)
  problems.push(...all.slice(0, room))
  if (all.length > room) {
    problems.push({
      row: null,
      column: null,
      value: null,
      severity: 'warning',
      ...importText('previewMoreProblems', { more: all.length - room }),
    })
  }
}

/** Warnings with the same message on more than five rows become one warning that lists the rows. */
export function collapseRepeated(warnings: readonly ImportProblemDto[]): ImportProblemDto[] {
  const byMessage = new Map<string, ImportProblemDto[]>()
  for (const w of warnings) {
    const list = byMessage.get(w.message)
    if (list) list.push(w)
    else byMessage.set(w.message, [w])
  }
  const out: ImportProblemDto[] = []
  for (const [message, list] of byMessage) {
    if (list.length <= 5) {
      out.push(...list)
      continue
    }
    const rows = list.map((w) => w.row).filter((r): r is number => r !== null)
    const shown = rows.slice(0, 10).join(', ')
    const first = list[0]!
    out.push({
      ...first,
      ...importText('previewRepeated', {
        message: { en: message, ja: first.messageJa },
        n: list.length,
        shown: rows.length > 10 ? { en: `${shown}, …`, ja: `${shown}、…` } : shown,
      }),
    })
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
}
