import { type DisclosureRule, MDS2_2019, no } from './rule.js'

/**
 * DOC header questions: DOC-8 (a coordinated vulnerability disclosure program), DOC-10 (a network/data-flow
 * diagram). A manufacturer without a disclosure program has no channel through which researchers' findings reach
 * it — or the hospital.
 */

const noCvd = {
  title: { ja: '脆弱性を受け付け・公表する窓口がありません', en: 'No vulnerability disclosure program' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種について脆弱性の報告を受け付けて利用者に知らせる仕組み(協調的な脆弱性開示)がありません。弱点が見つかっても、病院に知らされないおそれがあります。',
    en: 'The manufacturer answered {{cite}}: it has no coordinated vulnerability disclosure program for this device. Weaknesses found in it may never be made known to the hospital.',
  },
  recommendation: {
    ja: '脆弱性情報の連絡窓口と連絡方法を製造業者と取り決め、公開アドバイザリ(JVN、CISA など)を機種ごとに確認してください。',
    en: 'Agree a contact point and channel for vulnerability notices with the manufacturer and check public advisories (JVN, CISA…) for this model.',
  },
}

export const docRules = [
  {
    id: 'doc-no-vulnerability-disclosure',
    form: MDS2_2019,
    questionIds: ['DOC-8'],
    when: no('DOC-8'),
    asks: ['DOC-8'],
    severity: 'medium',
    finding: noCvd,
    controls: ['vulnerability-watch'],
    question: {
      reason: 'missing-disclosure',
      text: {
        ja: 'この機種の脆弱性情報を病院が受け取る窓口と方法(連絡先、通知の基準と期限)をご提示ください。',
        en: 'Please tell us how the hospital receives vulnerability information for this model (contact, when and how soon you notify).',
      },
    },
  },
  {
    id: 'doc-no-network-diagram',
    form: MDS2_2019,
    questionIds: ['DOC-10'],
    when: no('DOC-10'),
    asks: [],
    severity: 'info',
    question: {
      reason: 'missing-disclosure',
      text: {
        ja: 'この機種が接続する他の機器・システムと通信の流れがわかる図(ネットワーク構成図・データフロー図)をご提供ください。',
        en: 'Please provide a network or data-flow diagram showing the systems this model connects to.',
      },
    },
  },
] as const satisfies readonly DisclosureRule[]
