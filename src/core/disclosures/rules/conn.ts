import { always, anyOf, type DisclosureRule, MDS2_2013, MDS2_2019, no, yes } from './rule.js'

/**
 * CONN (connectivity): whether the manufacturer lists the ports and protocols the device uses — without it the
 * hospital cannot set firewall rules or tell an unexpected open port from a needed one — and whether the device
 * talks to systems outside the hospital.
 */

const askPorts = {
  ja: 'この機種が使用する通信ポート・プロトコルの一覧(ポート番号、TCP/UDP、通信の向き、用途、暗号化の有無)をご提供ください。Mamori の記入用テンプレート(docs/disclosure-template/)もご利用いただけます。',
  en: "Please provide the list of network ports and protocols this model uses (port number, TCP/UDP, direction, purpose, whether encrypted). Mamori's template (docs/disclosure-template/) may be used.",
}

const externalConnection = {
  title: { ja: '病院の外のシステムと通信します', en: 'Talks to systems outside the hospital' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種は病院の外のシステム(製造業者のサーバなど)と通信する、またはインターネット接続を必要とします。外部との通信経路は攻撃の入口にもなります。',
    en: "The manufacturer answered {{cite}}: the device communicates with systems outside the hospital (e.g. the manufacturer's servers) or needs an internet connection. Every path to the outside is also a way in.",
  },
  recommendation: {
    ja: '通信先(アドレス・ポート)の一覧を製造業者に求め、ファイアウォールでその相手だけを許可してください。',
    en: 'Ask the manufacturer for the list of destinations (addresses, ports) and allow only those on the firewall.',
  },
}

const connNoPortList: DisclosureRule = {
  id: 'conn-no-port-list',
  form: MDS2_2019,
  questionIds: ['CONN-2'],
  when: no('CONN-2'),
  asks: ['CONN-2'],
  severity: 'low',
  question: { reason: 'missing-disclosure', text: askPorts },
}

export const connRules = [
  connNoPortList,
  {
    // The 2013 form has no connectivity section (CNFS is about configuring security features).
    id: 'conn-no-port-list',
    form: MDS2_2013,
    questionIds: [],
    when: always,
    asks: [],
    severity: 'info',
    question: { reason: 'missing-disclosure', text: askPorts, about: 'CONN-2' },
  },
  {
    id: 'conn-external-communication',
    form: MDS2_2019,
    questionIds: ['CONN-4', 'CONN-6'],
    when: anyOf(yes('CONN-4'), yes('CONN-6')),
    asks: ['CONN-4'],
    severity: 'medium',
    finding: externalConnection,
    controls: ['secure-zone'],
    question: {
      reason: 'follow-up',
      text: {
        ja: 'この機種が通信する病院外の接続先(ホスト名・アドレス・ポート)と、その通信の目的をご提示ください。',
        en: 'Please list the destinations outside the hospital this model talks to (host names, addresses, ports) and what each connection is for.',
      },
    },
  },
] as const satisfies readonly DisclosureRule[]
