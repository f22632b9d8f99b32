import { allOf, anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, yes } from './rule.js'

/**
 * PLOK (physical locks) with the removable-media answers (CONN-1.2.x, MPII-3.3, SAHD-11/12): USB ports and media
 * slots are how malware reaches devices that are never on the internet, and how patient data leaves them. The
 * MHLW checklist (2-⑨, 令和7) asks hospitals to restrict USB and other external media.
 */

const removableMedia = {
  title: { ja: 'USB メモリなどの外部媒体を制限できません', en: 'USB and removable media cannot be restricted' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種は USB ポートや記録媒体を使えますが、媒体からの起動や許可のないソフトの持ち込みを防げない、または差込口を物理的にふさげません。持ち込まれた USB メモリからウイルスが入ったり、患者情報が持ち出されたりするおそれがあります。',
    en: 'The manufacturer answered {{cite}}: the device has USB ports or uses removable media, but cannot stop booting from them or installing unauthorised software, or the ports cannot be physically locked. A USB stick brought in may carry malware in, or patient data out.',
  },
  recommendation: {
    ja: '使ってよい媒体を決め、使用前にウイルス検査を行い、使わないポートはポートロックでふさいでください。',
    en: 'Decide which media may be used, scan them before use, and block unused ports with port locks.',
  },
}

const plokRemovableMediaUncontrolled: DisclosureRule = {
  id: 'plok-removable-media-uncontrolled',
  form: MDS2_2019,
  questionIds: ['CONN-1.2.2', 'CONN-1.2.3', 'MPII-3.3', 'SAHD-11', 'SAHD-12', 'PLOK-4'],
  when: allOf(
    anyOf(yes('CONN-1.2.2'), yes('CONN-1.2.3'), yes('MPII-3.3')),
    anyOf(no('SAHD-11'), yes('SAHD-12'), no('PLOK-4')),
  ),
  asks: [],
  severity: 'medium',
  finding: removableMedia,
  controls: ['usb-control'],
}

export const plokRules = [
  plokRemovableMediaUncontrolled,
  forForm(plokRemovableMediaUncontrolled, {
    form: MDS2_2013,
    questionIds: ['D.3', '15-10', '15-11'],
    // 2013 asks the other way round: "can the device boot from removable media?" — "Yes" is the weakness.
    when: allOf(yes('D.3'), anyOf(yes('15-10'), yes('15-11'))),
    asks: [],
  }),
] as const satisfies readonly DisclosureRule[]
