import { anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no } from './rule.js'

/**
 * AUDT (audit controls): a device that records nothing cannot show who looked at patient data or changed a
 * setting, and an incident on it cannot be traced. The MHLW checklist (2-⑪) asks for access logs.
 */

const noAuditLog = {
  title: { ja: '操作の記録(監査ログ)が残りません', en: 'No audit log' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種はログインや設定変更、患者情報の閲覧などの操作を記録に残しません。不正な操作や事故があっても、誰が・いつ・何をしたか確かめられません。',
    en: 'The manufacturer answered {{cite}}: this model does not record logins, setting changes, access to patient data and similar events. After misuse or an incident nobody can establish who did what and when.',
  },
  recommendation: {
    ja: '機器につながる端末・サーバやネットワーク機器の記録、使用記録簿などで補ってください。記録を残せる版やオプションがないか製造業者に確認してください。',
    en: 'Make up for it with the records of the workstations, servers and network equipment around the device and a usage logbook, and ask the manufacturer whether a version or option can keep a log.',
  },
}

const audtNoAuditLog: DisclosureRule = {
  id: 'audt-no-audit-log',
  form: MDS2_2019,
  questionIds: ['AUDT-1', 'AUDT-2'],
  when: anyOf(no('AUDT-1'), no('AUDT-2')),
  asks: ['AUDT-2'],
  severity: 'medium',
  finding: noAuditLog,
  controls: ['access-log-review'],
}

export const audtRules = [
  audtNoAuditLog,
  forForm(audtNoAuditLog, {
    form: MDS2_2013,
    questionIds: ['2-1'],
    when: no('2-1'),
    asks: ['2-1'],
  }),
] as const satisfies readonly DisclosureRule[]
