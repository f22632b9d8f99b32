import type { DisclosureAnswer, DisclosureForm, DisclosureNote, ManufacturerQuestionOut } from '../disclosure.js'
import { type DisclosureQuestion, questionSet } from '../questions/index.js'
import { answerEn, answerJa, citation } from './cite.js'
import type { DisclosureRule } from './rule.js'
import { type AnswerLookup, matches } from './rule.js'

/**
 * The questions to the manufacturer that come from how the form was filled in rather than from what it says:
 * unanswered questions a rule needs, "See Notes" pointing at no note, and vague answers. Pure.
 */

// Words that put the answer off instead of giving it. Matched in the comment after the answer (or in an answer
// outside Yes/No/N/A, which the reader keeps as value null + comment).
const VAGUE =
  /\b(?:depend(?:s|ing)?|contact (?:us|the manufacturer|the vendor|sales|service|your)|ask (?:us|your)|tb[dc]|to be (?:determined|confirmed|defined|decided)|case[- ]by[- ]case|upon request|on request|may vary|varies|partial(?:ly)?|unknown|not sure|under (?:review|investigation|consideration))\b|要相談|応相談|相談|問い?合わ?せ|要確認|確認中|未定|検討中|場合によ|ケースバイケース|個別対応|不明/i

/** True when an answer's words put it off ("depends", "要相談", "contact us", "TBD"…). */
export function isVague(answer: DisclosureAnswer): boolean {
  const comment = answer.comment?.trim() ?? ''
  if (comment === '') return false
  return answer.value === null || VAGUE.test(comment)
}

const questionsById = new Map<DisclosureForm, ReadonlyMap<string, DisclosureQuestion>>()

/**
 * How a question is named in a question text: its id and, when the form's question set knows it, Mamori's short
 * summary ("PAUT-4(初期アカウントが文書に載っている)"). MDS/SDS items have no built-in set: the id alone.
 */
export function questionTopic(form: DisclosureForm): { ja: (id: string) => string; en: (id: string) => string } {
  let byId = questionsById.get(form)
  if (!byId) {
    byId = new Map(questionSet(form).map((q) => [q.id, q]))
    questionsById.set(form, byId)
  }
  return {
    ja: (id) => {
      const q = byId?.get(id)
      return q ? `${id}(${q.textJa})` : id
    },
    en: (id) => {
      const q = byId?.get(id)
      return q ? `${id} ("${q.textEn}")` : id
    },
  }
}

function isUnanswered(a: DisclosureAnswer | undefined): boolean {
  return a === undefined || (a.value === null && !a.comment?.trim())
}

/** Questions the applicable rules cannot decide without (their `asks`), left unanswered or absent. */
export function unansweredQuestions(
  rules: readonly DisclosureRule[],
  a: AnswerLookup,
  topic: ReturnType<typeof questionTopic>,
): ManufacturerQuestionOut[] {
  const asked = new Set<string>()
  const out: ManufacturerQuestionOut[] = []
  for (const rule of rules) {
    if (rule.asks.length === 0 || (rule.asksIf && matches(rule.asksIf, a) === null)) continue
    for (const id of rule.asks) {
      if (asked.has(id) || !isUnanswered(a.get(id))) continue
      asked.add(id)
      out.push({
        questionId: id,
        reason: 'unanswered',
        textJa: `${topic.ja(id)}が未回答です。病院がこの機器の安全対策を決めるのに必要な項目ですので、ご回答ください。`,
        textEn: `${topic.en(id)} is not answered. The hospital needs this answer to decide how to protect the device; please answer it.`,
        citations: [citation(id, a)],
      })
    }
  }
  return out
}

/** Answers pointing at notes that are missing or empty ("See Note 3" with no note 3; "See Notes" and no notes). */
export function seeNotesQuestions(
  answers: readonly DisclosureAnswer[],
  notes: readonly DisclosureNote[],
  a: AnswerLookup,
  topic: ReturnType<typeof questionTopic>,
): ManufacturerQuestionOut[] {
  const filled = new Set(notes.filter((n) => n.text.trim() !== '').map((n) => n.number))
  const out: ManufacturerQuestionOut[] = []
  for (const answer of answers) {
    if (a.get(answer.questionId) !== answer) continue // a repeated id: the first answer is the one evaluated
    const missing = answer.noteRefs.filter((n) => !filled.has(n))
    const noNoteAtAll = answer.value === 'see-notes' && answer.noteRefs.length === 0 && filled.size === 0
    if (missing.length === 0 && !noNoteAtAll) continue
    const id = answer.questionId
    const cited = [citation(id, a)]
    const which = missing.length > 0 ? missing : null
    out.push({
      questionId: id,
      reason: 'see-notes-missing',
      textJa: which
        ? `${topic.ja(id)}の回答${answerJa(cited[0]!)}は注記 ${which.join('、')} を参照していますが、その注記がないか空欄です。注記の内容をご提示ください。`
        : `${topic.ja(id)}の回答${answerJa(cited[0]!)}は注記を参照していますが、開示書に注記がありません。注記の内容をご提示ください。`,
      textEn: which
        ? `The answer to ${topic.en(id)} (${answerEn(cited[0]!)}) refers to note ${which.join(', ')}, which is missing or empty. Please provide the note.`
        : `The answer to ${topic.en(id)} (${answerEn(cited[0]!)}) refers to the notes, but the disclosure has no notes. Please provide the note.`,
      citations: cited,
    })
  }
  return out
}

/** Answers whose words put the answer off; each is asked again. */
export function vagueQuestions(
  answers: readonly DisclosureAnswer[],
  a: AnswerLookup,
  topic: ReturnType<typeof questionTopic>,
): ManufacturerQuestionOut[] {
  const out: ManufacturerQuestionOut[] = []
  for (const answer of answers) {
    if (a.get(answer.questionId) !== answer || !isVague(answer)) continue
    const id = answer.questionId
    const cited = [citation(id, a)]
    out.push({
      questionId: id,
      reason: 'vague',
      textJa: `${topic.ja(id)}の回答${answerJa(cited[0]!)}からは、この機種でどうなっているかが判断できません。「はい」「いいえ」「該当なし」のいずれかと、条件があればその内容をご回答ください。`,
      textEn: `The answer to ${topic.en(id)} (${answerEn(cited[0]!)}) does not say how this model behaves. Please answer Yes, No or N/A, and state any conditions.`,
      citations: cited,
    })
  }
  return out
}
