import { allOf, anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, not } from './rule.js'

/**
 * MLDP (malware detection/protection): a device that runs software but has no anti-malware, cannot have any
 * installed, and does not restrict what may run (application allow-listing). Ransomware spread this way in
 * hospitals (WannaCry, 2017).
 */

const noMalwareProtection = {
  title: { ja: 'ウイルス対策ソフトを使えません', en: 'No anti-malware software possible' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種にはウイルス対策ソフトがなく、病院が入れることもできません。ネットワークや USB メモリからウイルスが入ると機器が止まり、その機器を使う診療が続けられなくなるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: the device has no anti-malware software and the hospital cannot install any. Malware arriving over the network or on a USB stick may stop the device and the care that depends on it.',
  },
  recommendation: {
    ja: '機器を専用の区画に隔離し、USB メモリなどの使用を制限し、通信を監視してください。ほかに取れる対策(代替措置)を製造業者に確認してください。',
    en: 'Isolate the device in a dedicated segment, restrict USB memory and other media, and monitor its traffic. Ask the manufacturer which other compensating measures it offers.',
  },
}

// Application allow-listing (MLDP-4) is the usual substitute; without it, and without any other compensating
// control (MLDP-3), nothing on the device stops malware.
const noAllowList = {
  ja: ' さらに {{cite}}: 実行できるソフトを制限する仕組み(ホワイトリスト)もありません。',
  en: ' Moreover {{cite}}: nothing restricts which programs may run (no application allow-listing).',
}
const nothingAtAll = {
  ja: ' さらに {{cite}}: ホワイトリストもほかの代替措置もないとの回答です。',
  en: ' Moreover {{cite}}: there is neither application allow-listing nor any other compensating control.',
}

const executesSoftware2019 = not(no('MLDP-1'))
const noAntiMalware2019 = anyOf(no('MLDP-2'), allOf(no('MLDP-2.1'), no('MLDP-2.2'), no('MLDP-2.3')))

const mldpNoMalwareProtection: DisclosureRule = {
  id: 'mldp-no-malware-protection',
  form: MDS2_2019,
  questionIds: ['MLDP-1', 'MLDP-2', 'MLDP-2.1', 'MLDP-2.2', 'MLDP-2.3', 'MLDP-4', 'MLDP-3'],
  // MLDP-1 "No" (the device cannot host executable software) makes the rest moot.
  when: allOf(executesSoftware2019, noAntiMalware2019),
  asks: ['MLDP-1', 'MLDP-2', 'MLDP-4'],
  severity: 'medium',
  escalate: [
    { when: no('MLDP-4'), severity: 'high', why: noAllowList },
    { when: allOf(no('MLDP-4'), no('MLDP-3')), severity: 'critical', why: nothingAtAll },
  ],
  finding: noMalwareProtection,
  controls: ['secure-zone', 'usb-control', 'network-monitoring'],
  question: {
    reason: 'follow-up',
    text: {
      ja: 'ウイルス対策ソフトを導入できない場合に、病院が取るべき代替措置(推奨するネットワーク構成、媒体の扱いなど)をご提示ください。',
      en: 'As anti-malware software cannot be installed, please describe the compensating measures the hospital should take (recommended network layout, handling of removable media…).',
    },
  },
}

export const mldpRules = [
  mldpNoMalwareProtection,
  forForm(mldpNoMalwareProtection, {
    form: MDS2_2013,
    questionIds: ['10-1', '10-2'],
    when: allOf(no('10-1'), no('10-2')),
    asks: ['10-1'],
    severity: 'high',
  }),
] as const satisfies readonly DisclosureRule[]
