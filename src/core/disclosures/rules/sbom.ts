import { always, type DisclosureRule, MDS2_2013, MDS2_2019, no } from './rule.js'

/**
 * SBOM (software bill of materials): without the list of software components inside the device, the hospital
 * cannot tell whether a newly published vulnerability (in Windows, OpenSSL, a DICOM library…) affects it.
 */

const noSbom = {
  title: { ja: 'ソフトウェア部品表(SBOM)が提供されていません', en: 'No software bill of materials (SBOM)' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種のソフトウェア部品表(SBOM: 中に含まれるソフトウェアとその版の一覧)は提供されていません。新しい脆弱性が公表されても、この機種が影響を受けるかを病院で判断できません。',
    en: 'The manufacturer answered {{cite}}: no SBOM (the list of software components and versions inside the device) is available. When a new vulnerability is published the hospital cannot tell whether this model is affected.',
  },
  recommendation: {
    ja: 'SBOM の提供を製造業者に求めてください。提供されるまでは、脆弱性が公表されるたびに影響の有無を製造業者に問い合わせてください。',
    en: 'Ask the manufacturer for the SBOM. Until you have it, ask the manufacturer about each newly published vulnerability whether the model is affected.',
  },
}

const askSbom = {
  ja: 'この機種のソフトウェア部品表(SBOM: 含まれるソフトウェア部品・版・サポート終了日の一覧)をご提供ください。',
  en: 'Please provide the software bill of materials (SBOM: the software components, their versions and end-of-support dates) for this model.',
}

export const sbomRules = [
  {
    id: 'sbom-not-available',
    form: MDS2_2019,
    questionIds: ['SBOM-1'],
    when: no('SBOM-1'),
    asks: ['SBOM-1'],
    severity: 'medium',
    finding: noSbom,
    controls: ['vulnerability-watch'],
    question: { reason: 'missing-disclosure', text: askSbom },
  },
  {
    // The 2013 form predates SBOM questions.
    id: 'sbom-not-disclosed',
    form: MDS2_2013,
    questionIds: [],
    when: always,
    asks: [],
    severity: 'info',
    question: { reason: 'missing-disclosure', text: askSbom, about: 'SBOM-1' },
  },
] as const satisfies readonly DisclosureRule[]
