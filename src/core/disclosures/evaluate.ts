import { SEVERITIES } from '../findings/finding.js'
import { findContradictions } from './contradictions.js'
import { controlDefinition } from './controls.js'
import type {
  Citation,
  CompensatingControlOut,
  DeclaredPort,
  DisclosureEvaluation,
  DisclosureFindingOut,
  EvaluationSeverity,
  ManufacturerQuestionOut,
  ParsedDisclosure,
} from './disclosure.js'
import { QUESTION_REASONS } from './disclosure.js'
import { questionTopic, seeNotesQuestions, unansweredQuestions, vagueQuestions } from './rules/asks.js'
import { citation, citeEn, citeJa, compareQuestionIds, fillCite } from './rules/cite.js'
import { DISCLOSURE_RULES } from './rules/index.js'
import { type AnswerLookup, answerLookup, type DisclosureRule, type Escalation, matches } from './rules/rule.js'

/** What the evaluation reads of a disclosure; `declaredPorts` (optional) lets it ask for a port list it lacks. */
export type EvaluationInput = Pick<ParsedDisclosure, 'form' | 'answers' | 'notes' | 'header'> & {
  declaredPorts?: readonly DeclaredPort[]
}

const SEVERITY_RANK = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]))
const rank = (s: EvaluationSeverity): number => SEVERITY_RANK.get(s) ?? SEVERITIES.length
const REASON_ORDER: readonly string[] = QUESTION_REASONS

/**
 * Evaluates one disclosure against every rule for its form: findings (what is weak about the model), the
 * compensating controls the hospital needs (each once, citing every answer that needs it), and questions to the
 * manufacturer (rules' own questions, unanswered questions the rules need, "See Notes" without a note, vague
 * answers, contradictions). Pure and deterministic: findings sorted by severity then question id, controls by the
 * most severe finding needing them, questions in form order. Contradictions are also returned as warnings.
 *
 * @example
 * const ev = evaluateDisclosure(parsed)
 * ev.findings[0] // { ruleId: 'paut-no-unique-accounts', severity: 'high', citations: [{ questionId: 'PAUT-1', answer: 'no', comment: null }], … }
 */
export function evaluateDisclosure(d: EvaluationInput): DisclosureEvaluation {
  const a = answerLookup(d.answers)
  const rules = DISCLOSURE_RULES.filter((r) => r.form.includes(d.form))
  const findings: DisclosureFindingOut[] = []
  const controls = new Map<string, { out: CompensatingControlOut; rank: number }>()
  const questions: ManufacturerQuestionOut[] = []

  for (const rule of rules) {
    const held = evaluateRule(rule, a, d.answers)
    if (!held) continue
    const { severity, citations, cite, escalation } = held
    if (rule.finding) {
      const f = rule.finding
      findings.push({
        ruleId: rule.id,
        severity,
        titleJa: f.title.ja,
        titleEn: f.title.en,
        detailJa: fillCite(f.detail.ja, cite.ja) + (escalation?.ja ?? ''),
        detailEn: fillCite(f.detail.en, cite.en) + (escalation?.en ?? ''),
        recommendationJa: f.recommendation.ja,
        recommendationEn: f.recommendation.en,
        citations,
      })
    }
    for (const id of rule.controls ?? []) addControl(controls, id, rank(severity), citations)
    if (rule.question) {
      questions.push({
        questionId: citations[0]?.questionId ?? rule.question.about ?? rule.id,
        reason: rule.question.reason,
        textJa: rule.question.text.ja,
        textEn: rule.question.text.en,
        citations,
      })
    }
  }

  const contradictions = findContradictions(d.answers, a)
  for (const c of contradictions) {
    questions.push({
      questionId: c.questionIds[0]!,
      reason: 'contradiction',
      textJa: c.textJa,
      textEn: c.textEn,
      citations: c.questionIds.map((id) => citation(id, a)),
    })
  }
  const topic = questionTopic(d.form)
  questions.push(...unansweredQuestions(rules, a, topic), ...seeNotesQuestions(d.answers, d.notes, a, topic))
  questions.push(...vagueQuestions(d.answers, a, topic), ...portListQuestion(d, a, questions))

  findings.sort(
    (x, y) =>
      rank(x.severity) - rank(y.severity) ||
      compareQuestionIds(x.citations[0]?.questionId ?? '', y.citations[0]?.questionId ?? '') ||
      cmp(x.ruleId, y.ruleId),
  )
  const controlList = [...controls.values()]
    .sort(
      (x, y) =>
        x.rank - y.rank ||
        compareQuestionIds(x.out.citations[0]?.questionId ?? '', y.out.citations[0]?.questionId ?? '') ||
        cmp(x.out.controlId, y.out.controlId),
    )
    .map((c) => c.out)
  questions.sort(
    (x, y) =>
      compareQuestionIds(x.questionId, y.questionId) ||
      REASON_ORDER.indexOf(x.reason) - REASON_ORDER.indexOf(y.reason) ||
      cmp(x.textEn, y.textEn),
  )
  return {
    findings,
    controls: controlList,
    questions,
    warnings: contradictions.map((c) => ({
      code: 'contradiction',
      questionIds: c.questionIds,
      textJa: c.textJa,
      textEn: c.textEn,
    })),
  }
}

interface Held {
  severity: EvaluationSeverity
  citations: Citation[]
  cite: { ja: string; en: string }
  /** The escalation sentence, its own citations filled in; null when the rule did not escalate. */
  escalation: { ja: string; en: string } | null
}

/** Whether a rule holds for these answers, and with what severity and citations. */
export function evaluateRule(rule: DisclosureRule, a: AnswerLookup, answers: EvaluationInput['answers']): Held | null {
  let ids: string[] | null
  if (rule.eachAnswer) {
    const each = rule.eachAnswer
    ids = answers.filter((x) => a.get(x.questionId) === x && each(x)).map((x) => x.questionId)
    if (ids.length === 0) ids = null
  } else {
    ids = matches(rule.when, a)
  }
  if (ids === null) return null
  const citations = ids.map((id) => citation(id, a))
  const cite = { ja: citeJa(citations), en: citeEn(citations) }
  let worst: { esc: Escalation; ids: string[] } | null = null
  for (const esc of rule.escalate ?? []) {
    const up = matches(esc.when, a)
    if (up !== null && (!worst || rank(esc.severity) < rank(worst.esc.severity))) worst = { esc, ids: up }
  }
  if (!worst || rank(worst.esc.severity) >= rank(rule.severity))
    return { severity: rule.severity, citations, cite, escalation: null }
  const extra = worst.ids.filter((id) => !ids.includes(id)).map((id) => citation(id, a))
  const upCitations = worst.ids.map((id) => citation(id, a))
  return {
    severity: worst.esc.severity,
    citations: [...citations, ...extra],
    cite,
    escalation: {
      ja: fillCite(worst.esc.why.ja, citeJa(upCitations)),
      en: fillCite(worst.esc.why.en, citeEn(upCitations)),
    },
  }
}

function addControl(
  controls: Map<string, { out: CompensatingControlOut; rank: number }>,
  id: string,
  severityRank: number,
  citations: readonly Citation[],
): void {
  const def = controlDefinition(id)
  if (!def) return
  const known = controls.get(id)
  if (!known) {
    controls.set(id, {
      rank: severityRank,
      out: {
        controlId: id,
        titleJa: def.titleJa,
        titleEn: def.titleEn,
        detailJa: def.detailJa,
        detailEn: def.detailEn,
        checklistItem: def.checklistItem,
        guidelineRef: def.guidelineRef,
        citations: [...citations],
      },
    })
    return
  }
  known.rank = Math.min(known.rank, severityRank)
  for (const c of citations)
    if (!known.out.citations.some((k) => k.questionId === c.questionId)) known.out.citations.push(c)
}

/**
 * The form says a port list exists (CONN-2 not "No") but none reached Mamori: ask for it. Only when the caller
 * passes `declaredPorts`, and not when CONN-2 is already asked about.
 */
function portListQuestion(
  d: EvaluationInput,
  a: AnswerLookup,
  asked: readonly ManufacturerQuestionOut[],
): ManufacturerQuestionOut[] {
  if (d.declaredPorts === undefined || d.declaredPorts.length > 0) return []
  if (d.form !== 'mds2-2019' && d.form !== 'manual') return []
  if (asked.some((q) => q.questionId === 'CONN-2')) return []
  const cited = [citation('CONN-2', a)]
  return [
    {
      questionId: 'CONN-2',
      reason: 'missing-disclosure',
      textJa: `開示書では通信ポート・プロトコルの一覧があるとされています(${citeJa(cited)})が、一覧そのものが届いていません。一覧(ポート番号、TCP/UDP、通信の向き、用途、暗号化の有無)をご提供ください。`,
      textEn: `The disclosure says a list of network ports and protocols exists (${citeEn(cited)}), but the list itself has not reached us. Please provide it (port number, TCP/UDP, direction, purpose, whether encrypted).`,
      citations: cited,
    },
  ]
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0
}
