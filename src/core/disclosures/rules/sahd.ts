import { anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no } from './rule.js'

/**
 * SAHD (system and application hardening): services, ports, shares and programs left on that the device does not
 * need. Each one is a door an attacker can try; the MHLW checklist (2-⑫) asks hospitals to stop them.
 */

const unneededServices = {
  title: { ja: '不要なサービスやポートが有効なままです', en: 'Unneeded services or ports are left on' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、使用目的に不要な共有フォルダ・ポート・サービス(Telnet、FTP など)・アプリケーションが止められていません。使わない入口が開いているほど、ウイルスや攻撃者が入り込む機会が増えます。',
    en: "The manufacturer answered {{cite}}: file shares, ports, services (Telnet, FTP…) or applications not needed for the device's intended use are not disabled. Every unused door left open is another way in for malware or an attacker.",
  },
  recommendation: {
    ja: 'どのサービス・ポートが不要なのかを製造業者に確認し、停止を依頼してください。止められないものはネットワーク側で遮断し、スキャン結果で開いているポートを確認してください。',
    en: 'Ask the manufacturer which services and ports are unneeded and have them disabled; block the rest on the network and check the open ports in the scan results.',
  },
}

const reachable = {
  ja: ' 特に {{cite}}: 不要な通信ポートやサービスがネットワークから届く状態です。',
  en: ' In particular {{cite}}: unneeded ports or services are reachable from the network.',
}

const unneededServices2019: DisclosureRule = {
  id: 'sahd-unneeded-services-enabled',
  form: MDS2_2019,
  questionIds: ['SAHD-7', 'SAHD-8', 'SAHD-9', 'SAHD-10'],
  when: anyOf(no('SAHD-7'), no('SAHD-8'), no('SAHD-9'), no('SAHD-10')),
  asks: ['SAHD-8', 'SAHD-9'],
  severity: 'medium',
  escalate: [
    {
      when: anyOf(no('SAHD-8'), no('SAHD-9')),
      severity: 'high',
      why: reachable,
    },
  ],
  finding: unneededServices,
  controls: ['disable-unneeded-services', 'secure-zone'],
  question: {
    reason: 'follow-up',
    text: {
      ja: '使用目的に不要なのに停止されていないサービス・ポートの一覧と、それらを停止する方法(または停止できない理由)をご提示ください。',
      en: 'Please list the services and ports that are not needed for the intended use but remain enabled, and how they can be disabled (or why they cannot).',
    },
  },
}

export const sahdRules: readonly DisclosureRule[] = [
  unneededServices2019,
  forForm(unneededServices2019, {
    form: MDS2_2013,
    questionIds: ['15-6', '15-7', '15-8', '15-9'],
    when: anyOf(no('15-6'), no('15-7'), no('15-8'), no('15-9')),
    asks: ['15-7', '15-8'],
    escalate: [{ when: anyOf(no('15-7'), no('15-8')), severity: 'high', why: reachable }],
  }),
]
