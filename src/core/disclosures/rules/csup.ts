import { allOf, anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, not, yes } from './rule.js'

/**
 * CSUP (cyber security product upgrades): who can apply security patches, whether the hospital hears of them, and
 * whether the manufacturer looks for vulnerabilities at all. A device only the manufacturer may patch stays
 * exposed from the day a patch is published until the service visit.
 */

const onlyManufacturerPatches = {
  title: {
    ja: 'セキュリティパッチは製造業者しか適用できません',
    en: 'Only the manufacturer can apply security patches',
  },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、パッチやソフトウェア更新は製造業者(または認定業者)が適用する必要があり、病院では適用できません。パッチが公開されてから適用されるまでの間、機器は既知の弱点を抱えたまま使われます。',
    en: "The manufacturer answered {{cite}}: patches and software updates must be installed by the manufacturer (or its authorised service), not by the hospital. Between a patch's release and its installation the device is used with a known weakness.",
  },
  recommendation: {
    ja: 'パッチ公開から適用までの期間と連絡方法を保守契約で取り決め、適用状況を台帳に記録してください。適用までは隔離などで補ってください。',
    en: 'Agree in the service contract how soon patches are applied after release and how you are told, record the patch state in the ledger, and isolate the device until they are applied.',
  },
}

const noUpdateNotice = {
  title: { ja: '更新の連絡がありません', en: 'Updates are not announced to the hospital' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、更新(パッチ)の承認を病院に知らせる仕組みがありません。病院は自分で確認しない限り、適用すべき更新に気づけません。',
    en: 'The manufacturer answered {{cite}}: the hospital is not told when updates (patches) are approved, so it learns of them only by checking itself.',
  },
  recommendation: {
    ja: '更新情報の連絡窓口と連絡方法を製造業者と取り決め、定期的に更新の有無を確認してください。',
    en: 'Agree a contact point and channel for update notices with the manufacturer, and check for updates regularly.',
  },
}

const noVulnerabilityProcess = {
  title: { ja: '製造業者が脆弱性を評価していません', en: 'The manufacturer does not assess vulnerabilities' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、機器の脆弱性や更新を評価する手順が製造業者にありません。新しい脆弱性が見つかっても、この機種に影響するかどうか誰も確かめないおそれがあります。',
    en: 'The manufacturer answered {{cite}}: it has no process to assess vulnerabilities and updates for the device. When a new vulnerability is found, nobody may check whether this model is affected.',
  },
  recommendation: {
    ja: '脆弱性への対応方針(評価・連絡・修正の期限)を製造業者に文書で求め、調達や更新の判断材料にしてください。',
    en: 'Ask the manufacturer for its vulnerability handling policy in writing (assessment, notice, fix deadlines) and weigh it in procurement and replacement decisions.',
  },
}

const csupPatchesOnlyByManufacturer: DisclosureRule = {
  id: 'csup-patches-only-by-manufacturer',
  form: MDS2_2019,
  questionIds: ['CSUP-1', 'CSUP-2.2', 'CSUP-3.2', 'CSUP-2.1'],
  when: allOf(not(no('CSUP-1')), anyOf(yes('CSUP-2.2'), yes('CSUP-3.2')), not(yes('CSUP-2.1'))),
  asks: ['CSUP-1'],
  severity: 'medium',
  finding: onlyManufacturerPatches,
  controls: ['patch-management', 'secure-zone'],
}

export const csupRules = [
  csupPatchesOnlyByManufacturer,
  forForm(csupPatchesOnlyByManufacturer, {
    form: MDS2_2013,
    questionIds: ['5-1'],
    when: no('5-1'),
    asks: ['5-1'],
  }),
  {
    id: 'csup-no-update-notice',
    form: MDS2_2019,
    questionIds: ['CSUP-7'],
    when: no('CSUP-7'),
    asks: ['CSUP-7'],
    severity: 'medium',
    finding: noUpdateNotice,
    controls: ['patch-management', 'vulnerability-watch'],
  },
  {
    id: 'csup-no-vulnerability-process',
    form: MDS2_2019,
    questionIds: ['CSUP-11'],
    when: no('CSUP-11'),
    asks: ['CSUP-11'],
    severity: 'high',
    finding: noVulnerabilityProcess,
    controls: ['vulnerability-watch'],
  },
] as const satisfies readonly DisclosureRule[]
