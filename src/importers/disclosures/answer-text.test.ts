import { describe, expect, it } from 'vitest'
import { noteColumnRefs, noteRefsIn, readAnswer } from './answer-text.js'
import { readDate } from './dates.js'
import { portsInText } from './declared-ports-text.js'

describe('readAnswer', () => {
  it.each([
    ['Yes', 'yes', null, []],
    ['  yes  ', 'yes', null, []],
    ['YES', 'yes', null, []],
    ['Yes,LDAP', 'yes', 'LDAP', []],
    ['Yes, optional', 'yes', 'optional', []],
    ['No,', 'no', null, []],
    ['No: No end-of-life components', 'no', 'No end-of-life components', []],
    ['N/A', 'na', null, []],
    ['N/A: No default accounts', 'na', 'No default accounts', []],
    ['n / a', 'na', null, []],
    ['Not applicable', 'na', null, []],
    ['See Notes', 'see-notes', null, []],
    ['See Note 3', 'see-notes', null, [3]],
    ['see notes 2 and 5', 'see-notes', null, [2, 5]],
    ['yes - see note 2', 'yes', 'see note 2', [2]],
    ['Yes (see Note 4)', 'yes', 'see Note 4', [4]],
    ['はい', 'yes', null, []],
    ['はい(LDAP)', 'yes', 'LDAP', []],
    ['いいえ', 'no', null, []],
    ['該当なし', 'na', null, []],
    ['対象外', 'na', null, []],
    ['注記参照', 'see-notes', null, []],
    ['ＹＥＳ', 'yes', null, []],
  ] as const)('%j → %s', (raw, value, comment, refs) => {
    expect(readAnswer(raw)).toEqual({ value, comment, noteRefs: refs, allowed: true })
  })

  it('leaves an empty cell unanswered, without a problem', () => {
    expect(readAnswer('   ')).toEqual({ value: null, comment: null, noteRefs: [], allowed: true })
  })

  it.each(['Maybe', 'None', 'Nothing', 'TRUE', '?', 'Noted'])(
    '%j is not an allowed answer (kept as the comment)',
    (raw) => {
      expect(readAnswer(raw)).toMatchObject({ value: null, comment: raw, allowed: false })
    },
  )
})

describe('note references', () => {
  it.each([
    ['3', [3]],
    ['Note 3', [3]],
    ['3, 5', [3, 5]],
    ['#3', [3]],
    ['注3', [3]],
    ['3.0', [3]],
    ['', []],
  ] as const)('Note # column %j → %j', (raw, refs) => expect(noteColumnRefs(raw)).toEqual(refs))

  it('finds notes mentioned in words, not other numbers', () => {
    expect(noteRefsIn('see note 2; IEC 62304 applies')).toEqual([2])
    expect(noteRefsIn('注記 4、5 を参照')).toEqual([4, 5])
    expect(noteRefsIn('TLS 1.2')).toEqual([])
  })
})

describe('readDate', () => {
  it.each([
    ['45383', '2024-04-01'],
    ['45383.5', '2024-04-01'],
    ['2024-04-01', '2024-04-01'],
    ['2024-04-01 09:30', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['2024年4月1日', '2024-04-01'],
    ['令和6年4月1日', '2024-04-01'],
    ['1-Apr-2024', '2024-04-01'],
    ['April 1, 2024', '2024-04-01'],
    ['4/1/2024', '2024-04-01'],
    ['２０２４－０４－０１', '2024-04-01'],
  ] as const)('%j → %s', (raw, iso) => expect(readDate(raw)).toBe(iso))

  it.each(['', 'soon', '2024-02-30', '99999', '13/13/2024', '12'])('%j is not a date', (raw) => {
    expect(readDate(raw)).toBeNull()
  })
})

describe('portsInText', () => {
  const at = { sheet: 's', row: 1, column: 'C' }
  const brief = (text: string) =>
    portsInText(text, at).ports.map((p) => `${p.port}/${p.transport} ${p.direction} ${p.service ?? '-'} ${p.tls}`)

  it.each([
    ['TCP 104 (DICOM)', ['104/tcp in DICOM null']],
    ['443/tcp HTTPS', ['443/tcp in HTTPS true']],
    ['port 2575 (HL7)', ['2575/tcp in HL7 null']],
    [
      'ports 2575, 5000-5002',
      ['2575/tcp in HL7 null', '5000/tcp in - null', '5001/tcp in - null', '5002/tcp in - null'],
    ],
    ['UDP port 123, outbound', ['123/udp out NTP null']],
    ['23/tcp Telnet for service', ['23/tcp in TELNET false']],
    ['ポート 22(保守用)', ['22/tcp in SSH true']],
  ] as const)('%j', (text, expected) => expect(brief(text)).toEqual(expected))

  it('reads no port where none is stated', () => {
    for (const text of ['IEC 62304', 'TLS 1.2 is supported', 'Windows 10 build 1809', 'Note 3'])
      expect(brief(text)).toEqual([])
  })

  it('reports a range too large to be a port list', () => {
    const found = portsInText('TCP ports 1-65535 may be used', at)
    expect(found.ports).toEqual([])
    expect(found.problems.map((p) => [p.code, p.value, p.column])).toEqual([['portRangeTooLarge', '1-65535', 'C']])
  })
})
