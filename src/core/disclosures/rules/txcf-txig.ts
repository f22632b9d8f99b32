import { allOf, anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, not, yes } from './rule.js'

/**
 * TXCF (transmission confidentiality) and TXIG (transmission integrity): patient data sent in cleartext can be
 * read by anyone on the path; data without integrity protection can be altered on the way (a wrong result or a
 * wrong dose setting reaching the ward).
 */

const noEncryptionInTransit = {
  title: { ja: '患者情報が暗号化されずに送られます', en: 'Patient data is sent unencrypted' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、患者情報をネットワークや記録媒体で送るときに暗号化しません。同じネットワーク上の人や機器に、通信内容(患者名・検査結果など)を読み取られるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: patient data is not encrypted when sent over the network or on removable media. People or machines on the same network may read it (names, results…).',
  },
  recommendation: {
    ja: '患者情報を送る相手との通信を専用の区画の中に閉じ、暗号化できる設定・オプションがないか製造業者に確認してください。',
    en: 'Keep the traffic carrying patient data inside a dedicated segment, and ask the manufacturer whether encryption can be enabled or bought as an option.',
  },
}

const noIntegrityInTransit = {
  title: { ja: '送るデータの改ざんを検知できません', en: 'Altered data in transit is not detected' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、送受信するデータが途中で書き換えられていないことを確かめる仕組み(電子署名など)がありません。通信経路で改ざんされても気づけないおそれがあります。',
    en: 'The manufacturer answered {{cite}}: there is no mechanism (digital signature…) to check that data sent or received was not altered on the way, so tampering on the network path would go unnoticed.',
  },
  recommendation: {
    ja: '通信経路を専用の区画に閉じ、接続先を必要な相手に限定してください。',
    en: 'Keep the network path inside a dedicated segment and limit connections to the peers that need them.',
  },
}

const overInternet = {
  ja: ' さらに {{cite}}: 患者情報を病院の外のネットワーク(インターネットなど)とやり取りします。',
  en: ' Moreover {{cite}}: patient data is exchanged over networks outside the hospital (e.g. the internet).',
}

const txcfNoEncryptionInTransit: DisclosureRule = {
  id: 'txcf-no-encryption-in-transit',
  form: MDS2_2019,
  questionIds: ['TXCF-2', 'TXCF-2.1', 'MPII-3.7'],
  // TXCF-2.1 "Yes": encryption is off by default but the hospital can turn it on — then it is the hospital's
  // configuration, not a weakness of the model.
  when: allOf(no('TXCF-2'), not(yes('TXCF-2.1'))),
  asks: ['TXCF-2'],
  severity: 'medium',
  escalate: [{ when: yes('MPII-3.7'), severity: 'high', why: overInternet }],
  finding: noEncryptionInTransit,
  controls: ['secure-zone'],
}

const txigNoIntegrityInTransit: DisclosureRule = {
  id: 'txig-no-integrity-in-transit',
  form: MDS2_2019,
  questionIds: ['TXIG-1', 'MPII-3.7', 'CONN-4'],
  when: no('TXIG-1'),
  asks: ['TXIG-1'],
  severity: 'low',
  escalate: [{ when: anyOf(yes('MPII-3.7'), yes('CONN-4')), severity: 'medium', why: overInternet }],
  finding: noIntegrityInTransit,
  controls: ['secure-zone'],
}

export const txRules = [
  txcfNoEncryptionInTransit,
  forForm(txcfNoEncryptionInTransit, {
    form: MDS2_2013,
    questionIds: ['18-2'],
    when: no('18-2'),
    asks: ['18-2'],
  }),
  txigNoIntegrityInTransit,
  forForm(txigNoIntegrityInTransit, {
    form: MDS2_2013,
    questionIds: ['19-1'],
    when: no('19-1'),
    asks: ['19-1'],
  }),
] as const satisfies readonly DisclosureRule[]
