import { describe, expect, it } from 'vitest'
import type { DisclosureAnswer, DisclosureForm, DisclosureNote } from '../../src/core/disclosures/disclosure.js'
import { type EvaluationInput, evaluateDisclosure } from '../../src/core/disclosures/evaluate.js'
import { SEVERITIES } from '../../src/core/findings/finding.js'
import { answer, answers, EMPTY_HEADER } from './answers.js'

const evaluate = (
  form: DisclosureForm,
  list: DisclosureAnswer[],
  notes: DisclosureNote[] = [],
  extra: Partial<EvaluationInput> = {},
) => evaluateDisclosure({ form, answers: list, notes, header: EMPTY_HEADER, ...extra })

/** A weak infusion pump's 2019 answers, as a manufacturer might fill them in. */
const PUMP = answers(
  'DOC-8: No',
  'MPII-2: Yes',
  'MPII-2.2: Yes',
  'AUDT-1: Yes',
  'AUDT-2: Yes',
  'AUTH-1: Yes,LDAP',
  'CSUP-1: Yes',
  'CSUP-2.1: No',
  'CSUP-2.2: Yes',
  'CSUP-7: Yes',
  'CSUP-11: Yes',
  'DTBK-1: No',
  'MLDP-1: Yes',
  'MLDP-2: No',
  'MLDP-3: No',
  'MLDP-4: No',
  'NAUT-2: Yes',
  'CONN-2: Yes',
  'CONN-4: No',
  'PAUT-1: No,Optional',
  'PAUT-4: N/A: No default accounts',
  'PAUT-5: Yes',
  'SBOM-1: No',
  'SBOM-2: Yes',
  'SAHD-8: Yes',
  'SAHD-9: Yes',
  'STCF-1: No',
  'TXCF-2: No',
  'TXIG-1: Yes',
  'RMOT-1: Yes',
  'RMOT-1.2: No',
)

const severityRank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number])

describe('evaluateDisclosure on a weak 2019 disclosure', () => {
  const ev = evaluate('mds2-2019', PUMP)

  it('finds the weaknesses, most severe first, each citing its answers', () => {
    expect(ev.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['mldp-no-malware-protection', 'critical'],
      ['paut-no-unique-accounts', 'high'],
      ['rmot-remote-service', 'high'],
      ['doc-no-vulnerability-disclosure', 'medium'],
      ['csup-patches-only-by-manufacturer', 'medium'],
      ['sbom-not-available', 'medium'],
      ['stcf-pii-unencrypted-at-rest', 'medium'],
      ['txcf-no-encryption-in-transit', 'medium'],
    ])
    const paut = ev.findings.find((f) => f.ruleId === 'paut-no-unique-accounts')!
    expect(paut.citations).toEqual([{ questionId: 'PAUT-1', answer: 'no', comment: 'Optional' }])
    expect(paut.detailJa).toContain('PAUT-1「いいえ」(Optional)')
    expect(paut.detailEn).toContain('PAUT-1 = No (Optional)')
    const mldp = ev.findings[0]!
    expect(mldp.citations.map((c) => c.questionId)).toEqual(['MLDP-1', 'MLDP-2', 'MLDP-4', 'MLDP-3'])
    expect(mldp.detailJa).toContain('さらに MLDP-4「いいえ」、MLDP-3「いいえ」')
  })

  it('grades the missing malware protection by what else the device offers', () => {
    const severity = (...lines: string[]) =>
      evaluate('mds2-2019', answers('MLDP-1: Yes', 'MLDP-2: No', ...lines)).findings.find(
        (f) => f.ruleId === 'mldp-no-malware-protection',
      )?.severity
    expect(severity('MLDP-4: Yes')).toBe('medium') // allow-listing makes up for part of it
    expect(severity()).toBe('medium') // MLDP-4 unanswered: asked about, not assumed
    expect(severity('MLDP-4: No')).toBe('high')
    expect(severity('MLDP-4: No', 'MLDP-3: No')).toBe('critical')
    expect(severity('MLDP-4: Yes', 'MLDP-3: No')).toBe('medium')
  })

  it('escalates only when the worse case holds', () => {
    // PLOK-2 and MPII-2.8 unanswered: the worse case is not shown, so the plain severity stays.
    const stcf = ev.findings.find((f) => f.ruleId === 'stcf-pii-unencrypted-at-rest')!
    expect(stcf.severity).toBe('medium')
    expect(stcf.citations.map((c) => c.questionId)).toEqual(['STCF-1', 'MPII-2', 'MPII-2.2'])
    const removable = evaluate('mds2-2019', answers('STCF-1: No', 'MPII-2.2: Yes', 'PLOK-2: No', 'MPII-2.8: No'))
    const worse = removable.findings.find((f) => f.ruleId === 'stcf-pii-unencrypted-at-rest')!
    expect(worse.severity).toBe('high')
    expect(worse.citations.map((c) => c.questionId)).toEqual(['STCF-1', 'MPII-2.2', 'PLOK-2'])
    expect(worse.detailEn).toContain('Moreover PLOK-2 = No')
  })

  it('lists each control once, tied to the checklist, citing every answer that needs it', () => {
    const ids = ev.controls.map((c) => c.controlId)
    expect(new Set(ids).size).toBe(ids.length)
    const zone = ev.controls.find((c) => c.controlId === 'secure-zone')!
    expect(zone.checklistItem).toBe('2-⑬')
    expect(zone.guidelineRef).toBe('システム運用編 13⑪')
    expect(zone.citations.map((c) => c.questionId)).toEqual(
      expect.arrayContaining(['MLDP-2', 'CSUP-2.2', 'TXCF-2', 'RMOT-1']),
    )
    expect(ev.controls.find((c) => c.controlId === 'remote-maintenance-allowlist')?.checklistItem).toBe('2-②')
    expect(ev.controls.find((c) => c.controlId === 'usb-control')?.checklistItem).toBe('2-⑨')
    // The first control serves the most severe finding.
    expect(ev.controls[0]!.citations.some((c) => c.questionId.startsWith('MLDP'))).toBe(true)
  })

  it('asks the manufacturer: contradictions, missing disclosures, follow-ups and unanswered questions that matter', () => {
    const asked = ev.questions.map((q) => `${q.questionId}:${q.reason}`)
    expect(asked).toEqual(
      expect.arrayContaining([
        'DOC-8:missing-disclosure',
        'SBOM-1:contradiction',
        'SBOM-1:missing-disclosure',
        'RMOT-1:follow-up',
        'MLDP-1:follow-up',
      ]),
    )
    // Every question a rule needs was answered: none is asked as unanswered.
    expect(asked.filter((q) => q.endsWith(':unanswered'))).toEqual([])
    expect(asked).not.toContain('PAUT-1:unanswered')
    // Nobody asks about questions no rule needs (ALOF-1).
    expect(asked.some((q) => q.startsWith('ALOF'))).toBe(false)
    expect(ev.warnings).toEqual([expect.objectContaining({ code: 'contradiction', questionIds: ['SBOM-1', 'SBOM-2'] })])
    for (const q of ev.questions) expect(q.citations.length).toBeGreaterThan(0)
  })

  it('is sorted: findings by severity then question id, questions in form order', () => {
    const ranks = ev.findings.map((f) => severityRank(f.severity))
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks)
    const mediums = ev.findings.filter((f) => f.severity === 'medium').map((f) => f.citations[0]!.questionId)
    expect(mediums).toEqual(['DOC-8', 'CSUP-1', 'SBOM-1', 'STCF-1', 'TXCF-2'])
    const order = ev.questions.map((q) => q.questionId.split('-')[0])
    expect(order.indexOf('DOC')).toBeLessThan(order.indexOf('MLDP'))
    expect(order.lastIndexOf('MLDP')).toBeLessThan(order.indexOf('SBOM'))
    expect(order.lastIndexOf('SBOM')).toBeLessThan(order.indexOf('RMOT'))
  })

  it('is deterministic: the same input, in any order, gives the same output', () => {
    expect(evaluate('mds2-2019', PUMP)).toEqual(ev)
    expect(evaluate('mds2-2019', [...PUMP].reverse())).toEqual(ev)
  })

  it('reads `manual` entries (typed in from a PDF) with the 2019 rules', () => {
    expect(evaluate('manual', PUMP)).toEqual(ev)
  })
})

describe('questions about how the form was filled in', () => {
  it('asks for a note that is missing or empty, not for one that is there', () => {
    const seeNote3 = [answer('SAHD-8: See Notes', [3])]
    const ask = (notes: DisclosureNote[], list = seeNote3) =>
      evaluate('mds2-2019', list, notes).questions.filter((q) => q.reason === 'see-notes-missing')
    expect(ask([{ number: 3, text: 'Telnet is disabled from release 2.1.' }])).toEqual([])
    const missing = ask([{ number: 1, text: 'Other note' }])
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({
      questionId: 'SAHD-8',
      citations: [{ questionId: 'SAHD-8', answer: 'see-notes', comment: null }],
    })
    expect(missing[0]!.textJa).toContain('注記 3')
    expect(ask([{ number: 3, text: '   ' }])).toHaveLength(1)
    // "See Notes" with no note number: asked only when the form has no notes at all.
    const bare = [answer('SAHD-8: See Notes')]
    expect(ask([], bare)).toHaveLength(1)
    expect(ask([{ number: 1, text: 'Ports: see the IFU.' }], bare)).toEqual([])
    // A Yes that points at a missing note is asked about too.
    expect(ask([], [answer('AUTH-1: Yes - see note 2', [2])])).toHaveLength(1)
  })

  it('asks again when an answer is vague, not when it only adds detail', () => {
    const vague = (line: string) =>
      evaluate('mds2-2019', [answer(line)]).questions.filter((q) => q.reason === 'vague').length
    expect(vague('CONN-2: Yes, depends on the configuration')).toBe(1)
    expect(vague('RMOT-1: Yes, 要相談')).toBe(1)
    expect(vague('SBOM-1: No, contact us')).toBe(1)
    expect(vague('PAUT-8: TBD')).toBe(0) // "TBD" alone is not an answer: it is read as unanswered + comment below
    expect(vague('PAUT-8: ?TBD')).toBe(1)
    expect(vague('SAHD-9: ?Partially')).toBe(1)
    expect(vague('AUTH-1: Yes,LDAP')).toBe(0)
    expect(vague('PAUT-4: N/A: No default accounts')).toBe(0)
    expect(vague('PAUT-1: Yes, Optional')).toBe(0)
  })

  it('asks only about unanswered questions a rule needs', () => {
    const ev = evaluate('mds2-2019', [])
    const unanswered = ev.questions.filter((q) => q.reason === 'unanswered').map((q) => q.questionId)
    expect(unanswered).toEqual(expect.arrayContaining(['PAUT-1', 'MLDP-2', 'SBOM-1', 'DOC-8', 'RMOT-1', 'CONN-2']))
    expect(unanswered).not.toContain('PAUT-3') // read by a rule, but not needed to decide
    expect(unanswered).not.toContain('ALOF-1')
    expect(new Set(unanswered).size).toBe(unanswered.length)
    for (const q of ev.questions.filter((x) => x.reason === 'unanswered'))
      expect(q.citations).toEqual([{ questionId: q.questionId, answer: 'unanswered', comment: null }])
    // With no answers nothing is found.
    expect(ev.findings).toEqual([])
  })

  it('asks for the port list when the form says there is one but none reached Mamori', () => {
    const base = answers('CONN-2: Yes')
    const ports = (declaredPorts?: EvaluationInput['declaredPorts'], list = base) =>
      evaluate('mds2-2019', list, [], declaredPorts === undefined ? {} : { declaredPorts }).questions.filter(
        (q) => q.questionId === 'CONN-2',
      )
    expect(ports([])).toEqual([expect.objectContaining({ reason: 'missing-disclosure' })])
    expect(ports(undefined)).toEqual([])
    expect(
      ports([{ port: 104, transport: 'tcp', direction: 'in', service: 'DICOM', purpose: null, tls: false }]),
    ).toEqual([])
    // CONN-2 "No": the rule asks once; no second question.
    expect(ports([], answers('CONN-2: No'))).toHaveLength(1)
  })
})

describe('other forms', () => {
  it('evaluates a 2013 form with its own ids and asks for what that form does not cover', () => {
    const ev = evaluate('mds2-2013', answers('12-1.1: No', '10-1: No', '10-2: No', '20-1: Yes', 'PAUT-1: No'))
    expect(ev.findings.map((f) => f.ruleId)).toEqual([
      'mldp-no-malware-protection',
      'paut-no-unique-accounts',
      'rmot-remote-service',
    ])
    expect(ev.findings.find((f) => f.ruleId === 'paut-no-unique-accounts')?.citations[0]?.questionId).toBe('12-1.1')
    const missing = ev.questions.filter((q) => q.reason === 'missing-disclosure')
    expect(missing.map((q) => q.questionId)).toEqual(['CONN-2', 'SBOM-1'])
    for (const q of missing) expect(q.citations).toEqual([])
  })

  it('does not apply 2019 rules to a 2013 form or the other way round', () => {
    expect(evaluate('mds2-2019', answers('12-1.1: No', '10-1: No', '10-2: No')).findings).toEqual([])
  })

  it('turns every MDS/SDS 「いいえ」 into one finding citing each item, tied to checklist 2-③', () => {
    const ev = evaluate('mds-sds', answers('MDS-3: Yes', 'MDS-7: No, 次期更新で対応予定', 'SDS-12: No', 'MDS-9: N/A'))
    expect(ev.findings).toHaveLength(1)
    expect(ev.findings[0]!.citations).toEqual([
      { questionId: 'MDS-7', answer: 'no', comment: '次期更新で対応予定' },
      { questionId: 'SDS-12', answer: 'no', comment: null },
    ])
    expect(ev.controls).toEqual([expect.objectContaining({ controlId: 'mds-sds-follow-up', checklistItem: '2-③' })])
    expect(evaluate('mds-sds', answers('MDS-3: Yes')).findings).toEqual([])
  })
})
