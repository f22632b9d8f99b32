import {
  BID_ANSWERS,
  type Bid,
  type BidAnswer,
  type BidAnswerValue,
  type BidScore,
  type RequirementItem,
  requirementSetInput,
} from '../../../api/procurement.js'
import type { ErrorDetail } from '../errors.js'

/**
 * Pure procurement logic (ADR 0039): validating a requirement set (every problem, located), scoring a bid against it
 * and building the comparison rows. No I/O.
 */

export interface RequirementProblem {
  /** Field path, e.g. "items[3].id" or "name". */
  path: string
  en: string
  ja: string
}

export type ValidatedSet = { name: string; version: string; items: RequirementItem[] }

/** Checks a set: the zod schema (every issue) and ids unique (case-insensitive). Returns every problem found. */
export function validateRequirementSet(
  input: unknown,
): { ok: true; set: ValidatedSet } | { ok: false; problems: RequirementProblem[] } {
  const problems: RequirementProblem[] = []
  const parsed = requirementSetInput.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
      problems.push({ path: path || '(set)', en: issue.message, ja: jaOf(issue.code, issue.message) })
    }
  }
  const items = (input as { items?: unknown })?.items
  if (Array.isArray(items)) {
    const seen = new Map<string, number>()
    items.forEach((it, i) => {
      const id =
        typeof (it as { id?: unknown })?.id === 'string' ? (it as { id: string }).id.trim().toUpperCase() : null
      if (id === null || id === '') return
      const first = seen.get(id)
      if (first !== undefined)
        problems.push({
          path: `items[${i}].id`,
          en: `"${id}" is already used by items[${first}]; each requirement needs its own id.`,
          ja: `「${id}」は items[${first}] と重複しています。要件ごとに別の ID にしてください。`,
        })
      else seen.set(id, i)
    })
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems }
  return { ok: true, set: parsed.data }
}

function jaOf(code: string, en: string): string {
  switch (code) {
    case 'too_small':
      return `短すぎるか少なすぎます（${en}）`
    case 'too_big':
      return `長すぎるか多すぎます（${en}）`
    case 'invalid_type':
      return `形式が違います（${en}）`
    case 'invalid_enum_value':
    case 'invalid_value':
      return `使えない値です（${en}）`
    case 'invalid_string':
    case 'invalid_format':
      return `書式が違います（${en}）`
    default:
      return en
  }
}

/** Problems as the error details of PROCUREMENT_REQUIREMENTS_INVALID. */
export const problemDetails = (ps: RequirementProblem[]): ErrorDetail[] =>
  ps.map((p) => ({ where: p.path, message: p.en, messageJa: p.ja }))

/** yes = weight, partial = half, no/unknown/none = 0; percent rounded down; mandatory gaps by id. */
export function bidScore(items: readonly RequirementItem[], answers: readonly BidAnswer[]): BidScore {
  const byId = new Map(answers.map((a) => [a.itemId.toUpperCase(), a.answer]))
  let points = 0
  let max = 0
  let answered = 0
  const mandatoryGaps: string[] = []
  for (const it of items) {
    max += it.weight
    const a = byId.get(it.id.toUpperCase())
    if (a !== undefined) answered++
    if (a === 'yes') points += it.weight
    else if (a === 'partial') points += it.weight / 2
    if (it.mandatory && (a === undefined || a === 'no' || a === 'unknown')) mandatoryGaps.push(it.id)
  }
  const percent = max === 0 ? 0 : Math.max(0, Math.min(100, Math.floor((points / max) * 100)))
  return { points, max, percent, answered, total: items.length, mandatoryGaps }
}

/** One row per requirement, each bid's answer (null: not answered) in the order of `bids`. */
export function comparisonRows(
  items: readonly RequirementItem[],
  bids: readonly Pick<Bid, 'answers'>[],
): { item: RequirementItem; answers: (BidAnswerValue | null)[] }[] {
  const maps = bids.map((b) => new Map(b.answers.map((a) => [a.itemId.toUpperCase(), a.answer])))
  return items.map((item) => ({ item, answers: maps.map((m) => m.get(item.id.toUpperCase()) ?? null) }))
}

const ANSWER_WORDS = new Map<string, BidAnswerValue>(
  Object.entries({
    はい: 'yes',
    yes: 'yes',
    y: 'yes',
    '○': 'yes',
    〇: 'yes',
    '◯': 'yes',
    一部: 'partial',
    部分的: 'partial',
    partial: 'partial',
    partly: 'partial',
    '△': 'partial',
    いいえ: 'no',
    no: 'no',
    n: 'no',
    '×': 'no',
    '✕': 'no',
    x: 'no',
    不明: 'unknown',
    unknown: 'unknown',
    '?': 'unknown',
    '-': 'unknown',
  } satisfies Record<string, BidAnswerValue>) as [string, BidAnswerValue][],
)

/** Full-width ASCII → half-width, spaces removed, lower case. */
export function normaliseToken(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase()
}

/** A vendor's answer cell → the answer; null for an empty cell; 'invalid' when it cannot be read. */
export function parseAnswer(text: string): BidAnswerValue | null | 'invalid' {
  const t = normaliseToken(text)
  if (t === '') return null
  const hit = ANSWER_WORDS.get(t)
  if (hit) return hit
  return (BID_ANSWERS as readonly string[]).includes(t) ? (t as BidAnswerValue) : 'invalid'
}
