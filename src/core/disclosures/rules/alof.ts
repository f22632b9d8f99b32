import { type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no } from './rule.js'

/**
 * ALOF (automatic logoff): a device left logged in at the bedside can be used by anyone passing by, under the name
 * of whoever logged in last.
 */

const noAutoLogoff = {
  title: { ja: '自動ログオフ・画面ロックがありません', en: 'No automatic logoff or screen lock' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種は一定時間操作がないときに自動でログオフや画面ロックをしません。ログインしたまま離れると、通りがかった人が前の利用者の名前で操作や患者情報の閲覧をできてしまいます。',
    en: "The manufacturer answered {{cite}}: the device does not log off or lock the screen after a period without use. Left logged in, anyone passing by can use it, and see patient data, under the previous user's name.",
  },
  recommendation: {
    ja: '使用後は必ずログオフする運用を部署で決め、設置場所を人目の届く所にしてください。',
    en: 'Agree with the ward that users always log off after use, and place the device where staff can see it.',
  },
}

const alofNoAutoLogoff: DisclosureRule = {
  id: 'alof-no-auto-logoff',
  form: MDS2_2019,
  questionIds: ['ALOF-1'],
  when: no('ALOF-1'),
  asks: [],
  severity: 'low',
  finding: noAutoLogoff,
  controls: ['account-management'],
}

export const alofRules = [
  alofNoAutoLogoff,
  forForm(alofNoAutoLogoff, {
    form: MDS2_2013,
    questionIds: ['1-1'],
    when: no('1-1'),
    asks: [],
  }),
] as const satisfies readonly DisclosureRule[]
