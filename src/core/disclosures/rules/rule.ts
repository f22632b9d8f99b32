import type { ControlId } from '../controls.js'
import type { AnswerValue, DisclosureAnswer, DisclosureForm, EvaluationSeverity } from '../disclosure.js'

/**
 * An evaluation rule is data: which form(s) it reads, a declarative condition over the answers, a severity, and
 * what follows when it holds — a finding, compensating controls, a question to the manufacturer. Texts are written
 * for a clinical engineer, Japanese first; `{{cite}}` in a text becomes the answers the condition matched
 * ("PAUT-1「いいえ」(Optional)" / "PAUT-1 = No (Optional)"). See docs/decisions/0025-disclosure-rules-as-data.md.
 *
 * @example
 * export const noUniqueAccounts = {
 *   id: 'paut-no-unique-accounts',
 *   form: MDS2_2019,
 *   questionIds: ['PAUT-1'],
 *   when: no('PAUT-1'),
 *   asks: ['PAUT-1'],
 *   severity: 'high',
 *   finding: { title: { ja: '…', en: '…' }, detail: …, recommendation: … },
 *   controls: ['account-management'],
 * } satisfies DisclosureRule
 */
export interface DisclosureRule {
  /** Stable: the finding's ruleId and part of its key, so it never changes. The same concept keeps one id across forms. */
  readonly id: string
  /** The forms whose question ids this rule reads (a 2013 variant of a 2019 rule is a second object, same id). */
  readonly form: readonly DisclosureForm[]
  /** Every question id the conditions read (a test checks this matches `when` and `escalate`). */
  readonly questionIds: readonly string[]
  readonly when: Condition
  readonly severity: EvaluationSeverity
  /**
   * Worse cases of the same weakness: of those that hold, the most severe raises the severity and its `why` is added
   * to the detail. Their conditions must hold only on answers (no top-level `not`), so `why` always has a citation.
   */
  readonly escalate?: readonly Escalation[]
  /**
   * Questions this rule cannot decide without: left unanswered (or absent), each becomes a question to the
   * manufacturer — only when `asksIf` holds (e.g. the anti-malware details only matter if MLDP-1 is not "No").
   */
  readonly asks: readonly string[]
  readonly asksIf?: Condition
  readonly finding?: RuleFinding
  readonly controls?: readonly ControlId[]
  /**
   * A question the hospital should put to the manufacturer whenever the rule holds. It is filed under the first
   * question id the rule cites, or `about` when it cites none (a section the form lacks: "RMOT-1" for a 2013 form).
   */
  readonly question?: {
    readonly reason: 'missing-disclosure' | 'follow-up'
    readonly text: RuleText
    readonly about?: string
  }
  /**
   * Rules over a form whose item ids are not known in advance (JAHIS MDS/SDS): the rule holds when any answer
   * matches, and cites every matching answer. `when` is then ignored (use `always`).
   */
  readonly eachAnswer?: (answer: DisclosureAnswer) => boolean
}

export interface Escalation {
  readonly when: Condition
  readonly severity: EvaluationSeverity
  /** A sentence appended to the detail; `{{cite}}` quotes the answers `when` matched. */
  readonly why: RuleText
}

export interface RuleText {
  readonly ja: string
  readonly en: string
}

export interface RuleFinding {
  readonly title: RuleText
  /** What the answer means for patients and the ward; `{{cite}}` quotes the answers. */
  readonly detail: RuleText
  /** What to do. */
  readonly recommendation: RuleText
}

/**
 * A declarative condition over answers. `is`: the question was answered with one of the values (an unanswered or
 * absent question matches nothing). `not`: the inner condition does not hold (so `not(yes(x))` also holds when x
 * is unanswered). `always`: holds for every disclosure (form-level rules: a section the form lacks).
 */
export type Condition =
  | { readonly q: string; readonly is: readonly AnswerValue[] }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly always: true }

export const yes = (q: string): Condition => ({ q, is: ['yes'] })
export const no = (q: string): Condition => ({ q, is: ['no'] })
export const answered = (q: string, ...is: AnswerValue[]): Condition => ({ q, is })
export const allOf = (...all: Condition[]): Condition => ({ all })
export const anyOf = (...any: Condition[]): Condition => ({ any })
export const not = (c: Condition): Condition => ({ not: c })
export const always: Condition = { always: true }

/** The forms read with MDS2 2019 ids (`manual` is typed in against the 2019 question set). */
export const MDS2_2019: readonly DisclosureForm[] = ['mds2-2019', 'manual']
export const MDS2_2013: readonly DisclosureForm[] = ['mds2-2013']

/** What a form variant of a rule gives itself: its own ids and conditions (and escalations, which name ids). */
export type FormVariant = Pick<DisclosureRule, 'form' | 'questionIds' | 'when' | 'asks'> &
  Partial<Pick<DisclosureRule, 'escalate' | 'asksIf' | 'severity'>>

/**
 * The same rule for another form (a 2013 form asking the same thing under other ids): id, severity, texts, controls
 * and question are shared, so the finding keeps its key; ids, conditions and escalations are the variant's own.
 */
export function forForm(base: DisclosureRule, variant: FormVariant): DisclosureRule {
  const { escalate: _escalate, asksIf: _asksIf, ...shared } = base
  return { ...shared, ...variant }
}

/** The answers of one disclosure by question id (the first answer wins when an id repeats). */
export type AnswerLookup = ReadonlyMap<string, DisclosureAnswer>

export function answerLookup(answers: readonly DisclosureAnswer[]): AnswerLookup {
  const map = new Map<string, DisclosureAnswer>()
  for (const a of answers) if (!map.has(a.questionId)) map.set(a.questionId, a)
  return map
}

/**
 * Whether the condition holds; when it does, the question ids that made it hold (in condition order, no repeats),
 * which the outputs cite. `any` cites every branch that holds; `not` cites its questions that were answered.
 */
export function matches(c: Condition, a: AnswerLookup): string[] | null {
  if ('always' in c) return []
  if ('q' in c) {
    const v = a.get(c.q)?.value
    return v != null && c.is.includes(v) ? [c.q] : null
  }
  // A `not` that holds cites the inner questions that were answered (an unanswered one proves nothing to quote).
  if ('not' in c)
    return matches(c.not, a) === null ? conditionQuestionIds(c.not).filter((id) => a.get(id)?.value) : null
  if ('all' in c) {
    const out: string[] = []
    for (const part of c.all) {
      const ids = matches(part, a)
      if (ids === null) return null
      out.push(...ids)
    }
    return unique(out)
  }
  let held = false
  const out: string[] = []
  for (const part of c.any) {
    const ids = matches(part, a)
    if (ids === null) continue
    held = true
    out.push(...ids)
  }
  return held ? unique(out) : null
}

/** Every question id a condition reads, in order. */
export function conditionQuestionIds(c: Condition): string[] {
  if ('always' in c) return []
  if ('q' in c) return [c.q]
  if ('not' in c) return conditionQuestionIds(c.not)
  return unique(('all' in c ? c.all : c.any).flatMap(conditionQuestionIds))
}

function unique(ids: string[]): string[] {
  return ids.length < 2 ? ids : [...new Set(ids)]
}
