import { anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, yes } from './rule.js'

/**
 * RMOT (remote service): the manufacturer reaches the device from outside the hospital. Lines to outside vendors
 * (VPN appliances) were the way in for the ransomware attacks on Japanese hospitals (半田病院 2021, 大阪急性期・総合医療センター 2022),
 * and the MHLW checklist (2-②) asks every hospital to confirm which devices use it.
 */

const remoteService = {
  title: { ja: 'リモート保守で外部から接続されます', en: 'The manufacturer connects remotely for service' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種は保守・解析・予防保守などのために外部からリモート接続されます。国内の病院へのランサムウェア攻撃では、外部の事業者とつながる回線(VPN 装置など)が侵入口になりました。',
    en: 'The manufacturer answered {{cite}}: this model is reached remotely for service, analysis or predictive maintenance. In the ransomware attacks on Japanese hospitals, lines to outside vendors (VPN appliances) were the way in.',
  },
  recommendation: {
    ja: 'リモート保守の経路・接続元・時間帯を事業者と取り決め、病院側で接続を許可したときだけつながるようにし、接続の記録を残してください。VPN 装置などの更新状況も事業者に確認してください。',
    en: 'Agree the path, sources and hours of remote service with the vendor, let connections in only when the hospital allows them, and keep records. Also ask the vendor how the VPN appliance is kept patched.',
  },
}

const notLogged = {
  ja: ' さらに {{cite}}: リモート保守の作業が機器の記録に残らない、または接続中であることが画面に表示されません。',
  en: " Moreover {{cite}}: remote sessions are not recorded in the device's log, or there is no indicator that one is active.",
}

const remoteQuestion = {
  reason: 'follow-up',
  text: {
    ja: 'リモート保守の接続方式(VPN 装置の機種と更新の方法を含む)、接続元、接続の開始手順(病院の許可の要否)、作業記録の提供方法をご提示ください。',
    en: 'Please describe the remote service connection (including the VPN appliance model and how it is patched), where connections come from, how a session is started (does the hospital have to allow it?) and how records of the work are provided.',
  },
} as const

const rmotRemoteService: DisclosureRule = {
  id: 'rmot-remote-service',
  form: MDS2_2019,
  questionIds: ['RMOT-1', 'RMOT-2', 'RMOT-3', 'RMOT-1.2', 'AUDT-2.8.1'],
  when: anyOf(yes('RMOT-1'), yes('RMOT-2'), yes('RMOT-3')),
  asks: ['RMOT-1'],
  severity: 'medium',
  escalate: [{ when: anyOf(no('RMOT-1.2'), no('AUDT-2.8.1')), severity: 'high', why: notLogged }],
  finding: remoteService,
  controls: ['remote-maintenance-allowlist', 'secure-zone'],
  question: remoteQuestion,
}

export const rmotRules = [
  rmotRemoteService,
  forForm(rmotRemoteService, {
    form: MDS2_2013,
    questionIds: ['20-1', '20-2', '20-2.1'],
    when: yes('20-1'),
    asks: ['20-1'],
    escalate: [
      {
        when: anyOf(no('20-2'), no('20-2.1')),
        severity: 'high',
        why: {
          ja: ' さらに {{cite}}: リモート接続の相手を限定できない、または病院側の承認なしに接続が始まります。',
          en: ' Moreover {{cite}}: remote access cannot be limited to given sources, or starts without the hospital accepting it.',
        },
      },
    ],
  }),
] as const satisfies readonly DisclosureRule[]
