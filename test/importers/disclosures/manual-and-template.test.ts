import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { translate } from '../../../src/core/messages/translate.js'
import { answersFromManualEntry, readDeclaredPortsTemplate } from '../../../src/importers/disclosures/index.js'

const DOCS = join(import.meta.dirname, '..', '..', '..', 'docs', 'disclosure-template')
const template = (text: string, fileName = 'ports.csv') =>
  readDeclaredPortsTemplate({ bytes: new TextEncoder().encode(text), fileName })
const brief = (r: ReturnType<typeof template>) => r.problems.map((p) => [p.severity, p.code, p.row, p.column, p.value])

describe('answersFromManualEntry (answers typed in from a PDF)', () => {
  it('checks ids against the question set, normalises them and keeps the first of duplicates', () => {
    const p = answersFromManualEntry(
      'manual',
      [
        { questionId: 'PAUT-1', value: 'no', comment: ' shared login ' },
        { questionId: 'shad-15', value: 'yes' },
        { questionId: 'MLDP-2.1', value: 'see-notes', noteRefs: [2, 2, 7] },
        { questionId: 'PAUT-1', value: 'yes' },
        { questionId: 'XYZ-1', value: 'yes' },
        { questionId: 'DOC-1', value: 'yes' },
      ],
      { manufacturer: ' Example Medical ', releaseDate: '2024/4/1' },
      [{ number: 2, text: 'Anti-malware is installed by service staff.' }],
    )
    expect(p.form).toBe('manual')
    expect(p.questionCount).toBe(233)
    expect(p.answers).toEqual([
      { questionId: 'PAUT-1', writtenId: null, value: 'no', comment: 'shared login', noteRefs: [], cell: null },
      { questionId: 'SAHD-15', writtenId: 'shad-15', value: 'yes', comment: null, noteRefs: [], cell: null },
      { questionId: 'MLDP-2.1', writtenId: null, value: 'see-notes', comment: null, noteRefs: [2, 7], cell: null },
    ])
    expect(p.header).toMatchObject({ manufacturer: 'Example Medical', releaseDate: '2024-04-01', model: null })
    expect(p.problems.map((x) => [x.severity, x.code, x.row, x.value])).toEqual([
      ['warning', 'manualNoteMissing', 3, '7'],
      ['warning', 'manualDuplicate', 4, 'PAUT-1'],
      ['error', 'manualUnknownQuestion', 5, 'XYZ-1'],
      ['error', 'manualUnknownQuestion', 6, 'DOC-1'],
    ])
    const unknown = p.problems.find((x) => x.code === 'manualUnknownQuestion')!
    expect(translate('ja', `disclosures.problem.${unknown.code}`, unknown.params)).toBe(
      '5 件目: 「XYZ-1」は mds2-2019 の質問にありません。ID を確認してください。',
    )
  })

  it('uses the 2013 set for the 2013 form, and any item number for MDS/SDS', () => {
    expect(answersFromManualEntry('mds2-2013', [{ questionId: '12-1', value: 'no' }], {}, []).problems).toEqual([])
    expect(answersFromManualEntry('mds2-2013', [{ questionId: 'PAUT-1', value: 'no' }], {}, []).problems[0]?.code).toBe(
      'manualUnknownQuestion',
    )
    const sds = answersFromManualEntry('mds-sds', [{ questionId: '3-2', value: 'na' }], {}, [])
    expect([sds.problems, sds.questionCount, sds.answers[0]?.questionId]).toEqual([[], 1, '3-2'])
  })

  it('an unreadable release date is left empty with a warning', () => {
    const p = answersFromManualEntry('manual', [], { releaseDate: 'next spring' }, [])
    expect([p.header.releaseDate, p.problems.map((x) => x.code)]).toEqual([null, ['manualBadDate']])
  })
})

describe('readDeclaredPortsTemplate', () => {
  const expected = [
    { port: 104, transport: 'tcp', direction: 'in', service: 'DICOM', tls: false },
    { port: 2575, transport: 'tcp', direction: 'out', service: 'HL7', tls: false },
    { port: 443, transport: 'tcp', direction: 'in', service: 'HTTPS', tls: true },
    { port: 22, transport: 'tcp', direction: 'in', service: 'SSH', tls: true },
    { port: 123, transport: 'udp', direction: 'out', service: 'NTP', tls: null },
  ]

  it.each(['declared-ports.csv', 'declared-ports.json'])('reads the published template %s as it is', (name) => {
    const r = readDeclaredPortsTemplate({ bytes: new Uint8Array(readFileSync(join(DOCS, name))), fileName: name })
    expect(r.problems).toEqual([])
    expect(r.ports).toMatchObject(expected)
    expect(r.ports[0]?.purpose).toBe('Receives images from the modality (画像の受信)')
  })

  it('takes Japanese headers and words, ranges, and Shift_JIS', () => {
    const text = 'ポート,プロトコル,方向,サービス,用途,暗号化\r\n5000-5002,TCP,受信,,独自プロトコル,いいえ\r\n'
    const r = readDeclaredPortsTemplate({ bytes: new Uint8Array(iconv.encode(text, 'cp932')), fileName: 'p.csv' })
    expect(r.problems).toEqual([])
    expect(r.ports.map((p) => [p.port, p.transport, p.direction, p.purpose, p.tls])).toEqual([
      [5000, 'tcp', 'in', '独自プロトコル', false],
      [5001, 'tcp', 'in', '独自プロトコル', false],
      [5002, 'tcp', 'in', '独自プロトコル', false],
    ])
  })

  it('names the row and field of every bad value, and keeps nothing of a bad file', () => {
    const r = template(
      [
        'port,transport,direction,tls',
        '70000,tcp,in,',
        '80,icmp,in,',
        '80,tcp,sideways,',
        '80,tcp,in,maybe',
        '1-5000,tcp,in,',
        '443,tcp,in,yes',
        '443,tcp,in,yes',
      ].join('\n'),
    )
    expect(brief(r)).toEqual([
      ['error', 'templateBadPort', 2, 'port', '70000'],
      ['error', 'templateBadTransport', 3, 'transport', 'icmp'],
      ['error', 'templateBadDirection', 4, 'direction', 'sideways'],
      ['error', 'templateBadTls', 5, 'tls', 'maybe'],
      ['error', 'templateRangeTooLarge', 6, 'port', '1-5000'],
      ['warning', 'templateDuplicate', 8, 'port', '443'],
    ])
    const bad = r.problems[0]!
    expect(translate('en', `disclosures.problem.${bad.code}`, bad.params)).toBe(
      '"ports.csv", row 2, field "port": "70000" is not a port number from 1 to 65535 (or a range such as 5000-5002).',
    )
  })

  it.each([
    ['port,service\n80,HTTP\n', 'templateMissingColumn'],
    ['{"ports": [', 'templateBadJson'],
    ['{"model": "x"}', 'templateBadJson'],
    ['port,transport,direction\n', 'templateEmpty'],
    ['', 'fileEmpty'],
  ])('%j → %s', (text, code) => {
    const r = template(text, text.startsWith('{') ? 'p.json' : 'p.csv')
    expect(r.ports).toEqual([])
    expect(r.problems.map((p) => p.code)).toContain(code)
    expect(r.problems.every((p) => p.severity === 'error')).toBe(true)
  })

  it('JSON: entry numbers as rows, a bare array, booleans and numbers as written', () => {
    const r = template(
      '[{"port": "8080", "transport": "tcp", "direction": "both", "tls": true}, {"port": 0}]',
      'p.json',
    )
    expect(r.ports).toMatchObject([{ port: 8080, direction: 'both', tls: true }])
    expect(brief(r)).toEqual([['error', 'templateBadPort', 2, 'port', '0']])
  })
})
