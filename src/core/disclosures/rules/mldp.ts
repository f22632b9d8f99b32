import { allOf, anyOf, type DisclosureRule, MDS2_2013, MDS2_2019, no, not, yes } from './rule.js'

/**
 * MLDP (malware detection/protection): a device that runs software but has no anti-malware, cannot have any
 * installed, and does not restrict what may run (application allow-listing). Ransomware spread this way in
 * hospitals (WannaCry, 2017).
 */

const noMalwareProtection = {
  title: { ja: 'ウイルス対策ができません', en: 'No malware protection possible' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種にはウイルス対策ソフトがなく、病院が入れることもできず、実行できるソフトを制限する仕組み(ホワイトリスト)もありません。ネットワークや USB メモリからウイルスが入ると機器が止まり、その機器を使う診療が続けられなくなるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: the device has no anti-malware software, the hospital cannot install any, and it does not restrict which programs may run (allow-listing). Malware arriving over the network or on a USB stick may stop the device and the care that depends on it.',
  },
  recommendation: {
    ja: '機器を専用の区画に隔離し、USB メモリなどの使用を制限し、通信を監視してください。ほかに取れる対策(代替措置)を製造業者に確認してください。',
    en: 'Isolate the device in a dedicated segment, restrict USB memory and other media, and monitor its traffic. Ask the manufacturer which other compensating measures it offers.',
  },
}

const executesSoftware2019 = not(no('MLDP-1'))
const noAntiMalware2019 = anyOf(no('MLDP-2'), allOf(no('MLDP-2.1'), no('MLDP-2.2'), no('MLDP-2.3')))

export const mldpRules = [
  {
    id: 'mldp-no-malware-protection',
    form: MDS2_2019,
    questionIds: ['MLDP-1', 'MLDP-2', 'MLDP-2.1', 'MLDP-2.2', 'MLDP-2.3', 'MLDP-4', 'MLDP-3'],
    // MLDP-1 "No" (the device cannot host executable software) makes the rest moot.
    when: allOf(executesSoftware2019, noAntiMalware2019, not(yes('MLDP-4'))),
    asks: ['MLDP-1', 'MLDP-2'],
    severity: 'high',
    escalate: {
      when: no('MLDP-3'),
      severity: 'critical',
      why: {
        ja: ' さらに {{cite}}: ほかの代替措置もないとの回答です。',
        en: ' Moreover {{cite}}: no other compensating controls are offered either.',
      },
    },
    finding: noMalwareProtection,
    controls: ['secure-zone', 'usb-control', 'network-monitoring'],
    question: {
      reason: 'follow-up',
      text: {
        ja: 'ウイルス対策ソフトを導入できない場合に、病院が取るべき代替措置(推奨するネットワーク構成、媒体の扱いなど)をご提示ください。',
        en: 'As anti-malware software cannot be installed, please describe the compensating measures the hospital should take (recommended network layout, handling of removable media…).',
      },
    },
  },
  {
    id: 'mldp-no-malware-protection',
    form: MDS2_2013,
    questionIds: ['10-1', '10-2'],
    when: allOf(no('10-1'), no('10-2')),
    asks: ['10-1'],
    severity: 'high',
    finding: noMalwareProtection,
    controls: ['secure-zone', 'usb-control', 'network-monitoring'],
  },
] as const satisfies readonly DisclosureRule[]
