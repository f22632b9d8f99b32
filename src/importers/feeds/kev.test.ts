import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { translate } from '../../core/messages/translate.js'
import { readKev } from './kev.js'

const FIXTURE = readFileSync(join(import.meta.dirname, '../../../test/fixtures/feeds/kev-subset.json'))
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))

describe('readKev', () => {
  it('reads CISA’s catalogue: the EternalBlue family and BlueKeep with their ransomware use', () => {
    const kev = readKev(FIXTURE, 'kev.json')
    expect(kev.problems).toEqual([])
    expect(kev.version).toBe('2025.08.25')
    expect(kev.entries).toHaveLength(31)
    const blueKeep = kev.entries.find((e) => e.cve === 'CVE-2019-0708')
    expect(blueKeep).toMatchObject({ vendorProject: 'Microsoft', ransomware: true })
    expect(kev.entries.filter((e) => /^CVE-2017-014[3-8]$/.test(e.cve))).toHaveLength(6)
  })

  it('skips a bad entry with its JSON path and keeps the others', () => {
    const doc = JSON.parse(FIXTURE.toString())
    doc.vulnerabilities[3].cveID = 'CVE-17-1'
    doc.vulnerabilities[5].dateAdded = '25/08/2025'
    doc.vulnerabilities.push({ ...doc.vulnerabilities[0] })
    const kev = readKev(bytes(doc), 'kev.json')
    expect(kev.entries).toHaveLength(29)
    expect(kev.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'field vulnerabilities[3].cveID',
      'field vulnerabilities[5].dateAdded',
      'duplicate vulnerabilities[31]',
      'countMismatch count',
    ])
    const ja = translate('ja', `feeds.problem.${kev.problems[0]!.code}`, kev.problems[0]!.params)
    expect(ja).toContain('vulnerabilities[3].cveID')
    expect(ja).toContain('"CVE-17-1"')
  })

  it('refuses what is not a KEV catalogue, or not JSON, saying where', () => {
    const cut = readKev(FIXTURE.subarray(0, 5000), 'kev.json')
    expect(cut.entries).toEqual([])
    expect(cut.problems).toMatchObject([{ severity: 'error', code: 'notJson' }])
    expect(readKev(bytes({ document: {} }), 'advisory.json').problems).toMatchObject([
      { severity: 'error', code: 'notKev', params: { found: 'document' } },
    ])
    expect(readKev(bytes('[]'), 'x.json').problems[0]?.code).toBe('notKev')
  })

  it('never throws on random or damaged input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        const kev = readKev(b, 'random.json')
        expect(Array.isArray(kev.entries)).toBe(true)
      }),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const kev = readKev(bytes({ vulnerabilities: [v] }), 'v.json')
        expect(kev.entries.length + kev.problems.length).toBeGreaterThan(0)
      }),
      { numRuns: 500 },
    )
  })
})
