import { describe, expect, it } from 'vitest'
import { CONTROLS, controlDefinition } from '../../src/core/disclosures/controls.js'
import { DISCLOSURE_FORMS } from '../../src/core/disclosures/disclosure.js'
import { evaluateRule } from '../../src/core/disclosures/evaluate.js'
import { questionIds } from '../../src/core/disclosures/questions/index.js'
import { DISCLOSURE_RULES } from '../../src/core/disclosures/rules/index.js'
import {
  answerLookup,
  type Condition,
  conditionQuestionIds,
  type DisclosureRule,
} from '../../src/core/disclosures/rules/rule.js'
import { answers } from './answers.js'

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/
const ruleName = (r: DisclosureRule): string => `${r.id}@${r.form.join('+')}`

/**
 * For every rule: answer sets that make it hold and ones that must not ("Yes,LDAP", N/A, unanswered, See Notes).
 * Keyed by rule id and its first form; a rule without a row here fails the coverage test below.
 */
const CASES: Record<string, { fires: string[][]; quiet: string[][] }> = {
  'paut-no-unique-accounts@mds2-2019': {
    fires: [['PAUT-1: No'], ['PAUT-1: No, one shared operator login']],
    quiet: [['PAUT-1: Yes'], ['PAUT-1: Yes,Optional'], ['PAUT-1: N/A'], [], ['PAUT-1: See Notes'], ['PAUT-1:']],
  },
  'paut-no-unique-accounts@mds2-2013': {
    fires: [['12-1.1: No'], ['12-1.1: Yes', '12-5: Yes']],
    quiet: [['12-1.1: Yes', '12-5: No'], []],
  },
  'paut-passwords-cannot-be-changed@mds2-2019': {
    fires: [['PAUT-5: No'], ['PAUT-5: Yes', 'SGUD-3.1: No']],
    quiet: [['PAUT-5: Yes', 'SGUD-3.1: Yes'], ['PAUT-5: N/A'], ['PAUT-5: See Notes']],
  },
  'paut-passwords-cannot-be-changed@mds2-2013': { fires: [['12-4: No']], quiet: [['12-4: Yes']] },
  'paut-default-accounts-undocumented@mds2-2019': {
    fires: [['PAUT-4: No'], ['SGUD-3: No']],
    quiet: [['PAUT-4: N/A: No default accounts'], ['PAUT-4: Yes', 'SGUD-3: Yes']],
  },
  'paut-no-lockout@mds2-2019': { fires: [['PAUT-3: No']], quiet: [['PAUT-3: Yes'], []] },
  'paut-no-lockout@mds2-2013': { fires: [['12-3: No']], quiet: [['12-3: Yes']] },
  'paut-no-two-factor@mds2-2019': { fires: [['PAUT-8: No']], quiet: [['PAUT-8: Yes'], ['PAUT-8: N/A']] },
  'paut-credentials-stored-insecurely@mds2-2019': {
    fires: [['PAUT-14: Yes', 'PAUT-14.1: No']],
    quiet: [['PAUT-14: No', 'PAUT-14.1: No'], ['PAUT-14: Yes', 'PAUT-14.1: Yes'], ['PAUT-14.1: No']],
  },
  'auth-no-login@mds2-2019': { fires: [['AUTH-1: No']], quiet: [['AUTH-1: Yes,LDAP'], ['AUTH-1:']] },
  'auth-no-login@mds2-2013': { fires: [['3-1: No']], quiet: [['3-1: Yes']] },
  'naut-no-network-access-control@mds2-2019': { fires: [['NAUT-2: No']], quiet: [['NAUT-2: Yes'], []] },
  'mldp-no-malware-protection@mds2-2019': {
    fires: [
      ['MLDP-1: Yes', 'MLDP-2: No', 'MLDP-4: No'],
      ['MLDP-2.1: No', 'MLDP-2.2: No', 'MLDP-2.3: No'],
    ],
    quiet: [
      ['MLDP-1: No', 'MLDP-2: No'],
      ['MLDP-1: Yes', 'MLDP-2: Yes'],
      ['MLDP-2.1: No', 'MLDP-2.2: Yes', 'MLDP-2.3: No'],
    ],
  },
  'mldp-no-malware-protection@mds2-2013': { fires: [['10-1: No', '10-2: No']], quiet: [['10-1: No', '10-2: Yes']] },
  'csup-patches-only-by-manufacturer@mds2-2019': {
    fires: [['CSUP-1: Yes', 'CSUP-2.2: Yes', 'CSUP-2.1: No'], ['CSUP-3.2: Yes']],
    quiet: [
      ['CSUP-1: No', 'CSUP-2.2: Yes'],
      ['CSUP-2.2: Yes', 'CSUP-2.1: Yes'],
      ['CSUP-2.2: No', 'CSUP-3.2: No'],
    ],
  },
  'csup-patches-only-by-manufacturer@mds2-2013': { fires: [['5-1: No']], quiet: [['5-1: Yes']] },
  'csup-no-update-notice@mds2-2019': { fires: [['CSUP-7: No']], quiet: [['CSUP-7: Yes']] },
  'csup-no-vulnerability-process@mds2-2019': { fires: [['CSUP-11: No']], quiet: [['CSUP-11: Yes']] },
  'sahd-unneeded-services-enabled@mds2-2019': {
    fires: [['SAHD-9: No'], ['SAHD-7: No']],
    quiet: [['SAHD-7: Yes', 'SAHD-8: Yes', 'SAHD-9: Yes', 'SAHD-10: Yes'], ['SAHD-8: N/A']],
  },
  'sahd-unneeded-services-enabled@mds2-2013': { fires: [['15-8: No']], quiet: [['15-8: Yes']] },
  'txcf-no-encryption-in-transit@mds2-2019': {
    fires: [['TXCF-2: No'], ['TXCF-2: No', 'TXCF-2.1: No']],
    quiet: [['TXCF-2: Yes'], ['TXCF-2: No', 'TXCF-2.1: Yes']],
  },
  'txcf-no-encryption-in-transit@mds2-2013': { fires: [['18-2: No']], quiet: [['18-2: Yes']] },
  'txig-no-integrity-in-transit@mds2-2019': { fires: [['TXIG-1: No']], quiet: [['TXIG-1: Yes']] },
  'txig-no-integrity-in-transit@mds2-2013': { fires: [['19-1: No']], quiet: [['19-1: Yes']] },
  'rmot-remote-service@mds2-2019': {
    fires: [['RMOT-1: Yes'], ['RMOT-2: Yes'], ['RMOT-1: No', 'RMOT-3: Yes']],
    quiet: [['RMOT-1: No', 'RMOT-2: No', 'RMOT-3: No'], []],
  },
  'rmot-remote-service@mds2-2013': { fires: [['20-1: Yes']], quiet: [['20-1: No']] },
  'sbom-not-available@mds2-2019': { fires: [['SBOM-1: No']], quiet: [['SBOM-1: Yes'], []] },
  'sbom-not-disclosed@mds2-2013': { fires: [[]], quiet: [] },
  'doc-no-vulnerability-disclosure@mds2-2019': {
    fires: [['DOC-8: No']],
    quiet: [['DOC-8: Yes, we tell affected customers directly']],
  },
  'doc-no-network-diagram@mds2-2019': { fires: [['DOC-10: No']], quiet: [['DOC-10: Yes, See IFU']] },
  'audt-no-audit-log@mds2-2019': {
    fires: [['AUDT-1: No'], ['AUDT-2: No']],
    quiet: [['AUDT-1: Yes', 'AUDT-2: Yes']],
  },
  'audt-no-audit-log@mds2-2013': { fires: [['2-1: No']], quiet: [['2-1: Yes']] },
  'dtbk-no-backup@mds2-2019': {
    fires: [['DTBK-1: Yes', 'DTBK-3: No', 'DTBK-4: No']],
    quiet: [
      ['DTBK-1: No', 'DTBK-3: No', 'DTBK-4: No'],
      ['DTBK-1: Yes', 'DTBK-3: Yes', 'DTBK-4: No'],
    ],
  },
  'dtbk-no-backup@mds2-2013': { fires: [['7-1: No']], quiet: [['7-1: Yes']] },
  'dtbk-no-configuration-backup@mds2-2019': { fires: [['DTBK-5: No']], quiet: [['DTBK-5: Yes,User settings only']] },
  'emrg-no-emergency-access@mds2-2019': {
    fires: [['EMRG-1: No', 'AUTH-1: Yes']],
    quiet: [['EMRG-1: No', 'AUTH-1: No'], ['EMRG-1: Yes']],
  },
  'emrg-no-emergency-access@mds2-2013': { fires: [['8-1: No']], quiet: [['8-1: No', '3-1: No']] },
  'stcf-pii-unencrypted-at-rest@mds2-2019': {
    fires: [['STCF-1: No', 'MPII-2.2: Yes']],
    quiet: [
      ['STCF-1: No', 'MPII-2: No'],
      ['STCF-1: Yes', 'MPII-2.2: Yes'],
    ],
  },
  'stcf-pii-unencrypted-at-rest@mds2-2013': { fires: [['17-1: No', 'C.2: Yes']], quiet: [['17-1: No', 'C.2: No']] },
  'plok-removable-media-uncontrolled@mds2-2019': {
    fires: [
      ['CONN-1.2.2: Yes', 'SAHD-11: No'],
      ['MPII-3.3: Yes,USB memory', 'PLOK-4: No,Option to disable all removable media'],
    ],
    quiet: [
      ['CONN-1.2.2: Yes', 'SAHD-11: Yes', 'SAHD-12: No', 'PLOK-4: Yes'],
      ['CONN-1.2.2: No', 'SAHD-11: No'],
    ],
  },
  'plok-removable-media-uncontrolled@mds2-2013': {
    fires: [['D.3: Yes', '15-10: Yes']],
    quiet: [['D.3: Yes', '15-10: No', '15-11: No']],
  },
  'conn-no-port-list@mds2-2019': { fires: [['CONN-2: No']], quiet: [['CONN-2: Yes']] },
  'conn-no-port-list@mds2-2013': { fires: [[]], quiet: [] },
  'conn-external-communication@mds2-2019': {
    fires: [['CONN-4: Yes'], ['CONN-6: Yes']],
    quiet: [['CONN-4: No', 'CONN-6: No']],
  },
  'alof-no-auto-logoff@mds2-2019': { fires: [['ALOF-1: No']], quiet: [['ALOF-1: Yes'], []] },
  'alof-no-auto-logoff@mds2-2013': { fires: [['1-1: No']], quiet: [['1-1: Yes']] },
  'rdmp-no-lifecycle-plan@mds2-2019': {
    fires: [['RDMP-3: No'], ['RDMP-4: No: No end-of-life components']],
    quiet: [['RDMP-3: Yes', 'RDMP-4: Yes'], ['RDMP-4: N/A']],
  },
  'mds-sds-answered-no@mds-sds': {
    fires: [['MS-1: No'], ['MS-1: Yes', 'SDS-12: No, 次期更新で対応予定']],
    quiet: [['MS-1: Yes', 'MS-2: N/A'], []],
  },
}

const caseKey = (r: DisclosureRule): string => `${r.id}@${r.form[0]}`

/** True when the condition can only hold by matching at least one answer (so it always has something to cite). */
function citesWhenItHolds(c: Condition): boolean {
  if ('q' in c) return true
  if ('all' in c) return c.all.some(citesWhenItHolds)
  if ('any' in c) return c.any.every(citesWhenItHolds)
  return false
}

describe('the rule registry', () => {
  it('has one rule per id and form, on known forms', () => {
    const seen = new Set<string>()
    for (const r of DISCLOSURE_RULES) {
      for (const form of r.form) {
        expect(DISCLOSURE_FORMS).toContain(form)
        const key = `${r.id}@${form}`
        expect(seen.has(key), `${key} twice`).toBe(false)
        seen.add(key)
      }
    }
  })

  it('has a table case for every rule, and every case names a rule', () => {
    const keys = new Set(DISCLOSURE_RULES.map(caseKey))
    expect([...keys].filter((k) => !(k in CASES))).toEqual([])
    expect(Object.keys(CASES).filter((k) => !keys.has(k))).toEqual([])
  })

  it.each(DISCLOSURE_RULES.map((r) => [ruleName(r), r] as const))(
    '%s lists exactly the questions its conditions read, and asks only about those',
    (_name, r) => {
      const read = new Set([
        ...conditionQuestionIds(r.when),
        ...(r.escalate ?? []).flatMap((e) => conditionQuestionIds(e.when)),
      ])
      expect(new Set(r.questionIds)).toEqual(read)
      for (const id of [...r.asks, ...(r.asksIf ? conditionQuestionIds(r.asksIf) : [])])
        expect(r.questionIds).toContain(id)
    },
  )

  it.each(DISCLOSURE_RULES.map((r) => [ruleName(r), r] as const))(
    '%s reads only question ids of its forms’ question sets',
    (_name, r) => {
      for (const form of r.form) {
        if (form === 'mds-sds') continue // items come from the mapping, not a built-in set
        const ids = questionIds(form)
        const read = [...r.questionIds, ...(r.question?.about && form !== 'mds2-2013' ? [r.question.about] : [])]
        expect(read.filter((id) => !ids.has(id))).toEqual([])
      }
    },
  )

  it.each(DISCLOSURE_RULES.map((r) => [ruleName(r), r] as const))(
    '%s has texts in both languages, citing the answers, and known controls',
    (_name, r) => {
      expect(r.finding || r.question, 'a rule must say something').toBeTruthy()
      if (r.finding) {
        for (const t of [r.finding.title, r.finding.detail, r.finding.recommendation]) {
          expect(t.ja).toMatch(JAPANESE)
          expect(t.en.trim()).not.toBe('')
        }
        expect(r.finding.detail.ja).toContain('{{cite}}')
        expect(r.finding.detail.en).toContain('{{cite}}')
      }
      if (r.question) expect(r.question.text.ja).toMatch(JAPANESE)
      for (const e of r.escalate ?? []) {
        expect(e.why.ja).toContain('{{cite}}')
        expect(e.why.en).toContain('{{cite}}')
        expect(citesWhenItHolds(e.when), 'an escalation must hold on answers, not on their absence').toBe(true)
      }
      for (const c of r.controls ?? []) expect(controlDefinition(c), c).toBeDefined()
      if (r.questionIds.length === 0 && !r.eachAnswer) {
        // A form-level rule (a section the form lacks) only asks; it files the question under a 2019 id.
        expect(r.finding).toBeUndefined()
        expect(r.question?.about).toBeTruthy()
      }
    },
  )
})

describe('the controls catalog', () => {
  it.each(Object.entries(CONTROLS))('%s is written in both languages and tied to the checklist', (_id, c) => {
    for (const t of [c.titleJa, c.detailJa]) expect(t).toMatch(JAPANESE)
    for (const t of [c.titleEn, c.detailEn]) expect(t.trim()).not.toBe('')
    if (c.checklistItem !== null) expect(c.checklistItem).toMatch(/^[123]-[①-⑬]$/)
  })

  it('is used: every control is needed by some rule', () => {
    const used = new Set<string>(DISCLOSURE_RULES.flatMap((r) => r.controls ?? []))
    expect(Object.keys(CONTROLS).filter((c) => !used.has(c))).toEqual([])
  })
})

describe.each(DISCLOSURE_RULES.map((r) => [ruleName(r), r] as const))('rule %s', (_name, rule) => {
  const table = CASES[caseKey(rule)] ?? { fires: [], quiet: [] }
  const run = (lines: string[]) => {
    const list = answers(...lines)
    return evaluateRule(rule, answerLookup(list), list)
  }

  it.each(table.fires.map((lines) => [lines.join(' | ') || '(no answers)', lines] as const))(
    'holds for %s, citing the answers it matched',
    (_label, lines) => {
      const held = run(lines)
      expect(held).not.toBeNull()
      const given = new Map(answers(...lines).map((a) => [a.questionId, a]))
      for (const c of held!.citations) {
        const a = given.get(c.questionId)
        expect(a, `${c.questionId} is cited but was not answered`).toBeDefined()
        expect(c.answer).toBe(a!.value ?? 'unanswered')
        expect(c.comment).toBe(a!.comment)
      }
      if (rule.questionIds.length > 0 || rule.eachAnswer) expect(held!.citations.length).toBeGreaterThan(0)
      if (held!.citations.length > 0) {
        expect(held!.cite.ja).toContain(`${held!.citations[0]!.questionId}「`)
        expect(held!.cite.en).toContain(`${held!.citations[0]!.questionId} = `)
      }
    },
  )

  it.each(table.quiet.map((lines) => [lines.join(' | ') || '(no answers)', lines] as const))(
    'does not hold for %s',
    (_label, lines) => {
      expect(run(lines)).toBeNull()
    },
  )
})
