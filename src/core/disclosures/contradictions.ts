import type { DisclosureAnswer } from './disclosure.js'
import { compareQuestionIds } from './rules/cite.js'

/** Two or more answers of one disclosure that cannot all be true; each becomes a question and a warning. */
export interface Contradiction {
  /** The leading question first, then the answers that contradict it. */
  questionIds: string[]
  textJa: string
  textEn: string
}

/**
 * A leading question answered "No" whose follow-up questions only make sense after a "Yes" (or that depend on what
 * the lead denies). `children`: the follow-ups, or 'details' for every answered id one level below the lead
 * ("MLDP-2" → "MLDP-2.1" … "MLDP-2.8", not "MLDP-2.1.1").
 */
interface Pattern {
  lead: string
  children: readonly string[] | 'details'
  /** Why the pair cannot both hold, when the generic sentence would say too little. */
  why?: { ja: string; en: string }
}

// Leads whose sub-questions are details of the lead ("If yes, complete 2.1–2.4"). Leads whose sub-questions are
// alternatives are left out on purpose: TXCF-2 "No" with TXCF-2.1 "Yes" (encryption can be switched on) and
// SAHD-5 "No" with SAHD-5.1 "Yes" (no file-level, but role-based access control) are both consistent.
const DETAIL_LEADS = [
  'DOC-11',
  'MPII-2',
  'MPII-3',
  'AUDT-1',
  'AUDT-2',
  'AUDT-5',
  'AUTH-1',
  'CSUP-2',
  'CSUP-3',
  'CSUP-4',
  'CSUP-5',
  'CSUP-6',
  'DIDT-1',
  'MLDP-2',
  'NAUT-2',
  'CONN-1',
  'CONN-1.1',
  'CONN-1.2',
  'CONN-7',
  'PAUT-1',
  'PAUT-14',
  'SBOM-2',
  'SAHD-3',
  'SAHD-14',
  'STCF-1',
  'RMOT-1',
  // MDS2 2013
  '5-1',
  '10-1',
  '12-1',
] as const

const DETAIL_LEAD_SET: ReadonlySet<string> = new Set(DETAIL_LEADS)

const PATTERNS: readonly Pattern[] = [
  {
    lead: 'SBOM-1',
    children: ['SBOM-2', 'SBOM-2.1', 'SBOM-2.2', 'SBOM-2.3', 'SBOM-2.4', 'SBOM-4'],
    why: {
      ja: 'SBOM は提供されないとの回答ですが、その SBOM の内容や更新についての質問には「はい」と答えています。',
      en: 'The SBOM is said not to be available, yet questions about its content or updates are answered "Yes".',
    },
  },
  {
    lead: 'MLDP-1',
    children: ['MLDP-2', 'MLDP-2.1', 'MLDP-2.2', 'MLDP-2.3', 'MLDP-2.4', 'MLDP-5'],
    why: {
      ja: 'ソフトウェアを実行できない機器だとの回答ですが、ウイルス対策ソフトや侵入検知の質問には「はい」と答えています。',
      en: 'The device is said to run no executable software, yet anti-malware or intrusion-detection questions are answered "Yes".',
    },
  },
  {
    lead: 'MLDP-5',
    children: ['MLDP-5.1'],
  },
  {
    lead: 'MPII-1',
    children: ['MPII-2', 'MPII-3'],
    why: {
      ja: '患者情報を扱わないとの回答ですが、患者情報の保存や送受信の質問には「はい」と答えています。',
      en: 'The device is said not to handle patient data, yet questions on storing or sending it are answered "Yes".',
    },
  },
  {
    lead: 'CSUP-1',
    children: ['CSUP-2', 'CSUP-3', 'CSUP-4', 'CSUP-5', 'CSUP-6'],
    why: {
      ja: '更新が必要なソフトウェアはないとの回答ですが、OS やファームウェアなどを含むとの質問には「はい」と答えています。',
      en: 'The device is said to contain no software needing updates, yet it is said to contain an operating system, firmware or other software.',
    },
  },
  {
    lead: 'RMOT-1',
    children: ['RMOT-2'],
    why: {
      ja: 'リモート保守の接続はできないとの回答ですが、予防保守のためのリモート接続には「はい」と答えています。外部から接続できるのかどうかが不明です。',
      en: 'Remote service connections are said not to be permitted, yet remote connections for predictive maintenance are. It is unclear whether the device can be reached from outside.',
    },
  },
  ...DETAIL_LEADS.map((lead): Pattern => ({ lead, children: 'details' })),
]

const label = { ja: (ids: string[]) => ids.join('、'), en: (ids: string[]) => ids.join(', ') }

/**
 * Answers that contradict each other: a leading question answered "No" and a follow-up that presupposes "Yes"
 * answered "Yes" (SBOM-1 No but SBOM-2 Yes; MLDP-1 No but MLDP-2.x Yes; RMOT-1 No but RMOT-2 Yes; PAUT-1 No but
 * PAUT-1.1 Yes…). One entry per lead, listing every contradicting follow-up; a fixed order for the same input. Pure.
 * `lookup`: the answers by id (first answer per id) when the caller already has them.
 */
export function findContradictions(
  answers: readonly DisclosureAnswer[],
  lookup?: ReadonlyMap<string, DisclosureAnswer>,
): Contradiction[] {
  const byId = lookup ?? firstById(answers)
  const details = detailsByLead(byId)
  const out: Contradiction[] = []
  const seen = new Set<string>()
  for (const p of PATTERNS) {
    if (byId.get(p.lead)?.value !== 'no') continue
    const candidates = p.children === 'details' ? (details.get(p.lead) ?? []) : p.children
    const yes = candidates.filter((id) => byId.get(id)?.value === 'yes')
    if (yes.length === 0) continue
    const key = [p.lead, ...yes].join('|')
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      questionIds: [p.lead, ...yes],
      textJa: `${p.lead} は「いいえ」ですが、${label.ja(yes)} は「はい」です。${p.why?.ja ?? 'これらは両立しません。'}どちらが正しいかご確認ください。`,
      textEn: `${p.lead} is answered "No", but ${label.en(yes)} "Yes". ${p.why?.en ?? 'These cannot both be true.'} Please confirm which is correct.`,
    })
  }
  return out
}

function firstById(answers: readonly DisclosureAnswer[]): Map<string, DisclosureAnswer> {
  const byId = new Map<string, DisclosureAnswer>()
  for (const a of answers) if (!byId.has(a.questionId)) byId.set(a.questionId, a)
  return byId
}

/** Answered ids by the id one level above ("CONN-1.2" → "CONN-1.2.1", …), each list in form order. */
function detailsByLead(byId: ReadonlyMap<string, DisclosureAnswer>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const id of byId.keys()) {
    const dot = id.lastIndexOf('.')
    if (dot <= 0) continue
    const lead = id.slice(0, dot)
    if (!DETAIL_LEAD_SET.has(lead)) continue
    const list = out.get(lead)
    if (list) list.push(id)
    else out.set(lead, [id])
  }
  for (const list of out.values()) list.sort(compareQuestionIds)
  return out
}
