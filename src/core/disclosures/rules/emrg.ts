import { allOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, not } from './rule.js'

/**
 * EMRG (emergency access): a device that requires a login but has no "break-glass" access can keep staff away
 * from patient data in an emergency (a forgotten password, a locked account, a failed directory server).
 */

const noEmergencyAccess = {
  title: { ja: '緊急時に使うための手段(緊急アクセス)がありません', en: 'No emergency ("break-glass") access' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種には緊急時にログイン制限を越えて使う仕組みがありません。パスワードを忘れた・アカウントがロックされたなどの場合に、救急の場面で患者情報を見られないおそれがあります。',
    en: 'The manufacturer answered {{cite}}: the device has no way to bypass login restrictions in an emergency. If a password is forgotten or an account is locked, staff may not reach patient data when it is urgently needed.',
  },
  recommendation: {
    ja: '緊急時の運用(封筒に入れた緊急用アカウント、代替機、紙運用など)を部署と決め、事業継続計画に入れてください。',
    en: 'Agree an emergency procedure with the ward (a sealed emergency account, a spare device, a paper procedure…) and put it into the continuity plan.',
  },
}

const emrgNoEmergencyAccess: DisclosureRule = {
  id: 'emrg-no-emergency-access',
  form: MDS2_2019,
  questionIds: ['EMRG-1', 'AUTH-1'],
  // Without a login (AUTH-1 "No") there is nothing to break through.
  when: allOf(no('EMRG-1'), not(no('AUTH-1'))),
  asks: [],
  severity: 'low',
  finding: noEmergencyAccess,
  controls: ['downtime-procedure'],
}

export const emrgRules = [
  emrgNoEmergencyAccess,
  forForm(emrgNoEmergencyAccess, {
    form: MDS2_2013,
    questionIds: ['8-1', '3-1'],
    when: allOf(no('8-1'), not(no('3-1'))),
    asks: [],
  }),
] as const satisfies readonly DisclosureRule[]
