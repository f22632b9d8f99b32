import { describe, expect, it } from 'vitest'
import { findContradictions } from '../../src/core/disclosures/contradictions.js'
import { answers } from './answers.js'

const ids = (...lines: string[]) => findContradictions(answers(...lines)).map((c) => c.questionIds)

describe('findContradictions', () => {
  it.each([
    [
      'SBOM-1 No but SBOM-2 Yes',
      ['SBOM-1: No', 'SBOM-2: Yes', 'SBOM-2.1: Yes', 'SBOM-3: No'],
      [['SBOM-1', 'SBOM-2', 'SBOM-2.1']],
    ],
    [
      'MLDP-1 No but MLDP-2.x Yes',
      ['MLDP-1: No', 'MLDP-2: No', 'MLDP-2.1: Yes'],
      [
        ['MLDP-1', 'MLDP-2.1'],
        ['MLDP-2', 'MLDP-2.1'],
      ],
    ],
    ['RMOT-1 No but RMOT-2 Yes', ['RMOT-1: No', 'RMOT-2: Yes'], [['RMOT-1', 'RMOT-2']]],
    ['PAUT-1 No but PAUT-1.1 Yes', ['PAUT-1: No', 'PAUT-1.1: Yes, Optional'], [['PAUT-1', 'PAUT-1.1']]],
    ['MPII-1 No but MPII-2 Yes', ['MPII-1: No', 'MPII-2: Yes'], [['MPII-1', 'MPII-2']]],
    [
      'CSUP-2 No but CSUP-2.1/2.3 Yes',
      ['CSUP-2: No', 'CSUP-2.3: Yes', 'CSUP-2.1: Yes'],
      [['CSUP-2', 'CSUP-2.1', 'CSUP-2.3']],
    ],
    ['details one level down only', ['CONN-1: No', 'CONN-1.2.2: Yes'], []],
    ['a nested lead', ['CONN-1.2: No', 'CONN-1.2.2: Yes'], [['CONN-1.2', 'CONN-1.2.2']]],
    ['2013: 10-1 No but 10-1.1 Yes', ['10-1: No', '10-1.1: Yes'], [['10-1', '10-1.1']]],
    ['TXCF-2 No with TXCF-2.1 Yes is consistent', ['TXCF-2: No', 'TXCF-2.1: Yes'], []],
    ['SAHD-5 No with SAHD-5.1 Yes is consistent', ['SAHD-5: No', 'SAHD-5.1: Yes'], []],
    ['lead Yes', ['SBOM-1: Yes', 'SBOM-2: Yes'], []],
    ['follow-up N/A or unanswered', ['SBOM-1: No', 'SBOM-2: N/A', 'SBOM-2.1:', 'SBOM-4: See Notes'], []],
    ['lead unanswered', ['SBOM-1:', 'SBOM-2: Yes'], []],
  ])('%s', (_name, lines, expected) => {
    expect(ids(...lines)).toEqual(expected)
  })

  it('explains each contradiction in both languages, naming the answers', () => {
    const [c] = findContradictions(answers('SBOM-1: No', 'SBOM-2: Yes'))
    expect(c!.textJa).toContain('SBOM-1 は「いいえ」ですが、SBOM-2 は「はい」です')
    expect(c!.textJa).toContain('SBOM')
    expect(c!.textEn).toContain('SBOM-1 is answered "No", but SBOM-2 "Yes"')
  })

  it('reads the first answer when an id repeats, and gives the same result for any answer order', () => {
    expect(ids('SBOM-1: Yes', 'SBOM-1: No', 'SBOM-2: Yes')).toEqual([])
    const lines = ['MLDP-2: No', 'MLDP-2.3: Yes', 'MLDP-2.1: Yes', 'PAUT-1: No', 'PAUT-1.1: Yes']
    expect(ids(...[...lines].reverse())).toEqual(ids(...lines))
  })
})
