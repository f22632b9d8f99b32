import { allOf, anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, yes } from './rule.js'

/**
 * STCF (health data storage confidentiality): patient data kept unencrypted inside the device can be read by
 * whoever takes the device, its disk or its removable media — in a theft, a repair or a disposal.
 */

const unencryptedAtRest = {
  title: { ja: '機器内の患者情報が暗号化されていません', en: 'Patient data stored unencrypted on the device' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種は患者情報を機器内に保存しますが、保存データを暗号化できません。盗難や修理・廃棄のときに記憶装置を取り出されると、患者情報を読み取られるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: the device stores patient data but cannot encrypt it at rest. If the device or its storage is taken — in a theft, a repair or a disposal — the data can be read.',
  },
  recommendation: {
    ja: '設置場所の管理と施錠で持ち出しを防ぎ、修理や廃棄の前にはデータ消去を事業者に依頼して証明を受け取ってください。',
    en: 'Prevent removal with a controlled, locked location, and before repair or disposal have the vendor erase the data and get a certificate.',
  },
}

const removable = {
  ja: ' さらに {{cite}}: 患者情報を持つ部品や記憶媒体を工具なしで取り外せます。',
  en: ' Moreover {{cite}}: components or media holding patient data can be removed without tools.',
}

const stcfPiiUnencryptedAtRest: DisclosureRule = {
  id: 'stcf-pii-unencrypted-at-rest',
  form: MDS2_2019,
  questionIds: ['STCF-1', 'MPII-2', 'MPII-2.2', 'MPII-2.3', 'PLOK-2', 'MPII-2.8'],
  when: allOf(no('STCF-1'), anyOf(yes('MPII-2'), yes('MPII-2.2'), yes('MPII-2.3'))),
  asks: ['STCF-1', 'MPII-2'],
  severity: 'medium',
  escalate: [{ when: anyOf(no('PLOK-2'), yes('MPII-2.8')), severity: 'high', why: removable }],
  finding: unencryptedAtRest,
  controls: ['physical-protection'],
}

export const stcfRules = [
  stcfPiiUnencryptedAtRest,
  forForm(stcfPiiUnencryptedAtRest, {
    form: MDS2_2013,
    questionIds: ['17-1', 'C.2'],
    when: allOf(no('17-1'), yes('C.2')),
    asks: ['17-1'],
  }),
] as const satisfies readonly DisclosureRule[]
