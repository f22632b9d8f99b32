import { describe, expect, it } from 'vitest'
import { DISCLOSURE_FORMS } from '../disclosure.js'
import { MDS2_SECTIONS, normaliseQuestionId, questionSet } from './index.js'

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/
const SECTIONS_2019 =
  'DOC MPII ALOF AUDT AUTH CSUP DIDT DTBK EMRG IGAU MLDP NAUT CONN PAUT PLOK RDMP SBOM SAHD SGUD STCF TXCF TXIG RMOT'

describe('the MDS2 question sets', () => {
  it.each(['mds2-2019', 'mds2-2013'] as const)('%s: unique ids, known sections, texts in both languages', (form) => {
    const qs = questionSet(form)
    expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length)
    for (const q of qs) {
      expect(MDS2_SECTIONS[q.section], q.id).toBeDefined()
      expect(q.textEn.trim(), q.id).not.toBe('')
      expect(q.textJa, q.id).toMatch(q.id.startsWith('CONN-1.1.') ? /\S/ : JAPANESE)
      // Summaries, not the form's questions: short.
      expect(q.textEn.length, q.id).toBeLessThan(90)
    }
  })

  it('2019: the sections in form order, ~225 questions, the ids rules cite', () => {
    const qs = questionSet('mds2-2019')
    expect([...new Set(qs.map((q) => q.section))].join(' ')).toBe(SECTIONS_2019)
    // ~225 questions below the DOC header block (15 DOC items).
    const body = qs.filter((q) => q.section !== 'DOC')
    expect(body.length).toBeGreaterThanOrEqual(215)
    expect(body.length).toBeLessThanOrEqual(235)
    expect(qs.length - body.length).toBe(15)
    const ids = new Set(qs.map((q) => q.id))
    for (const id of ['DOC-8', 'PAUT-1', 'PAUT-5', 'MLDP-2.1', 'CSUP-2.1', 'SAHD-15', 'TXCF-2', 'TXIG-1', 'RMOT-1'])
      expect(ids, id).toContain(id)
    expect(qs.find((q) => q.id === 'DOC-7')?.kind).toBe('date')
    expect(qs.find((q) => q.id === 'DOC-1')?.kind).toBe('text')
  })

  it('2013: CNFS, no CONN/SBOM/RMOT, section-numbered ids', () => {
    const sections = new Set(questionSet('mds2-2013').map((q) => q.section))
    expect(sections).toContain('CNFS')
    for (const s of ['CONN', 'SBOM', 'RMOT']) expect(sections).not.toContain(s)
    expect(questionSet('mds2-2013').map((q) => q.id)).toContain('12-1.1')
  })

  it('every form has a set (manual = 2019, mds-sds = from its mapping)', () => {
    for (const f of DISCLOSURE_FORMS) expect(Array.isArray(questionSet(f))).toBe(true)
    expect(questionSet('manual')).toBe(questionSet('mds2-2019'))
  })
})

describe('normaliseQuestionId', () => {
  it.each([
    ['MLDP-2.1', 'mds2-2019', { id: 'MLDP-2.1', corrected: false }],
    ['  mldp-2.1 ', 'mds2-2019', { id: 'MLDP-2.1', corrected: false }],
    ['MLDP 2.1', 'mds2-2019', { id: 'MLDP-2.1', corrected: false }],
    ['ＭＬＤＰ－２．１', 'mds2-2019', { id: 'MLDP-2.1', corrected: false }],
    ['MLDP‐2.1', 'mds2-2019', { id: 'MLDP-2.1', corrected: false }],
    ['MLDP2.1', 'mds2-2019', { id: 'MLDP-2.1', corrected: false }],
    ['SHAD-15', 'mds2-2019', { id: 'SAHD-15', corrected: true }],
    ['PAUX-1', 'mds2-2019', { id: 'PAUT-1', corrected: true }],
    ['DOC-11.4', 'manual', { id: 'DOC-11.4', corrected: false }],
    ['ABCD-99', 'mds2-2019', { id: 'ABCD-99', corrected: false }],
    ['12 - 1.1', 'mds2-2013', { id: '12-1.1', corrected: false }],
    ['０１-１', 'mds2-2013', { id: '1-1', corrected: false }],
    ['b.2', 'mds2-2013', { id: 'B.2', corrected: false }],
    ['  1-2 ', 'mds-sds', { id: '1-2', corrected: false }],
  ] as const)('%j (%s) → %j', (written, form, expected) => {
    expect(normaliseQuestionId(written, form)).toEqual(expected)
  })

  it.each([
    ['Question ID', 'mds2-2019'],
    ['', 'mds2-2019'],
    ['Note 3', 'mds2-2019'],
    ['MLDP-2.1', 'mds2-2013'],
    ['Yes', 'mds2-2013'],
  ] as const)('%j is not an id of %s', (written, form) => {
    expect(normaliseQuestionId(written, form)).toBeNull()
  })
})
