import { anyOf, type DisclosureRule, MDS2_2019, no } from './rule.js'

/**
 * RDMP (roadmap for third-party components): whether the manufacturer publishes support dates and plans for the
 * end of life of the operating system and other parts inside the device. Without them the hospital cannot tell
 * when the device will stop getting patches — the ledger's support end date stays empty.
 */

const noLifecyclePlan = {
  title: {
    ja: '部品のサポート期限や終了時の計画が示されていません',
    en: 'No support dates or end-of-life plan for components',
  },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、OS などの部品のサポート期限の情報提供、または部品のサポート終了への対応計画がありません。OS のサポートが切れても気づかず、パッチのない状態で使い続けるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: it publishes no support dates for the components inside the device (operating system…), or has no plan for when their support ends. The device may go on being used unpatched after its OS support ends, without anyone noticing.',
  },
  recommendation: {
    ja: 'OS と主な部品のサポート終了予定日を製造業者に確認し、台帳のサポート終了日に記録してください。',
    en: 'Ask the manufacturer for the end-of-support dates of the OS and main components, and record them as the support end date in the ledger.',
  },
}

export const rdmpRules = [
  {
    id: 'rdmp-no-lifecycle-plan',
    form: MDS2_2019,
    questionIds: ['RDMP-3', 'RDMP-4'],
    when: anyOf(no('RDMP-3'), no('RDMP-4')),
    asks: [],
    severity: 'low',
    finding: noLifecyclePlan,
    controls: ['vulnerability-watch'],
    question: {
      reason: 'missing-disclosure',
      text: {
        ja: 'この機種と、搭載する OS・主なソフトウェア部品のサポート終了予定日をご提示ください。',
        en: 'Please tell us the end-of-support dates of this model and of the operating system and main software components it contains.',
      },
    },
  },
] as const satisfies readonly DisclosureRule[]
