import type { DisclosureAnswer } from '../disclosure.js'
import { always, type DisclosureRule } from './rule.js'

/**
 * JAHIS/JIRA MDS/SDS (製造業者/サービス事業者による医療情報セキュリティ開示書): every item is written so that
 * 「はい」 (or 「対象外」) is what the 安全管理ガイドライン expects, so each 「いいえ」 is a point where the product
 * does not meet it and the hospital must decide a measure. The item list depends on the version and the mapping
 * (src/core/disclosures/mds-sds-mapping.ts), so this rule matches answers, not fixed ids, and cites each 「いいえ」.
 * Having the MDS/SDS at all is the evidence for MHLW checklist item 2-③.
 */

const isNo = (a: DisclosureAnswer): boolean => a.value === 'no'

export const mdsSdsRules = [
  {
    id: 'mds-sds-answered-no',
    form: ['mds-sds'],
    questionIds: [],
    when: always,
    eachAnswer: isNo,
    asks: [],
    severity: 'medium',
    finding: {
      title: {
        ja: 'MDS/SDS に「いいえ」の項目があります',
        en: 'The MDS/SDS has items answered "No"',
      },
      detail: {
        ja: '製造業者/サービス事業者の MDS/SDS で、次の項目が「いいえ」です: {{cite}}。これらは安全管理ガイドラインが求める対策を製品が満たしていない点で、病院側で代わりの対策を決めるか、受け入れる理由を記録する必要があります。',
        en: 'The vendor\'s MDS/SDS answers "No" to: {{cite}}. Each is a measure the MHLW security guideline expects that the product does not provide; the hospital must decide a compensating measure or record why it accepts the risk.',
      },
      recommendation: {
        ja: '各項目について事業者に理由と今後の対応予定を確認し、病院側の対策を決めて記録してください(立入検査で説明できるように)。',
        en: "Ask the vendor why, and what is planned, for each item; decide and record the hospital's measure so it can be explained at an inspection.",
      },
    },
    controls: ['mds-sds-follow-up'],
  },
] as const satisfies readonly DisclosureRule[]
