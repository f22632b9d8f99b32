import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareDeclaredObserved, comparisonFindings } from '../../src/core/disclosures/compare.js'
import type { ParsedDisclosure } from '../../src/core/disclosures/disclosure.js'
import { evaluateDisclosure } from '../../src/core/disclosures/evaluate.js'
import { readDisclosure } from '../../src/importers/disclosures/index.js'

// The readers' fixtures (scripts/make-disclosure-fixtures.ts), read as an import reads them, then evaluated.
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'disclosures')
const read = (name: string): Promise<ParsedDisclosure> =>
  readDisclosure({ bytes: new Uint8Array(readFileSync(join(FIXTURES, name))), fileName: name })

const cited = (p: ParsedDisclosure, ev: ReturnType<typeof evaluateDisclosure>) => {
  const ids = new Set(p.answers.map((a) => a.questionId))
  return [...ev.findings, ...ev.controls].flatMap((o) => o.citations).filter((c) => !ids.has(c.questionId))
}

describe('evaluating the fixture disclosures', () => {
  it('turns the SP-2000 infusion pump MDS2 (2019) into the findings, controls and questions the issue lists', async () => {
    const parsed = await read('sp-2000-mds2-2019.xlsx')
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([])
    const ev = evaluateDisclosure(parsed)
    expect(ev.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining([
        'paut-no-unique-accounts',
        'paut-passwords-cannot-be-changed',
        'mldp-no-malware-protection',
        'csup-patches-only-by-manufacturer',
        'sahd-unneeded-services-enabled',
        'txcf-no-encryption-in-transit',
        'rmot-remote-service',
        'sbom-not-available',
        'doc-no-vulnerability-disclosure',
      ]),
    )
    for (const f of ev.findings) expect(f.detailJa).toMatch(new RegExp(`${f.citations[0]!.questionId}「`))
    expect(ev.controls.map((c) => c.checklistItem)).toEqual(expect.arrayContaining(['2-②', '2-⑤', '2-⑥', '2-⑫', '2-⑬']))
    const asked = ev.questions.map((q) => `${q.questionId}:${q.reason}`)
    expect(asked).toEqual(expect.arrayContaining(['SBOM-1:contradiction', 'DOC-8:missing-disclosure']))
    expect(cited(parsed, ev)).toEqual([])
    // The CSV export of the same form gives the same evaluation.
    expect(evaluateDisclosure(await read('sp-2000-mds2-2019.csv'))).toEqual(ev)
  })

  it('evaluates the 2013 form with its own ids', async () => {
    const parsed = await read('er-100-mds2-2013.xlsx')
    const ev = evaluateDisclosure(parsed)
    expect(parsed.form).toBe('mds2-2013')
    expect(ev.findings.length).toBeGreaterThan(0)
    expect(ev.findings.flatMap((f) => f.citations).every((c) => /^(\d+-|[A-D]\.)/.test(c.questionId))).toBe(true)
    expect(cited(parsed, ev)).toEqual([])
  })

  it('turns the MDS/SDS 「いいえ」 items into one finding tied to checklist 2-③', async () => {
    const parsed = await read('jahis-mds-sds.xlsx')
    const ev = evaluateDisclosure(parsed)
    const no = parsed.answers.filter((a) => a.value === 'no').map((a) => a.questionId)
    expect(no.length).toBeGreaterThan(0)
    expect(ev.findings.map((f) => [f.ruleId, f.citations.map((c) => c.questionId)])).toEqual([
      ['mds-sds-answered-no', no],
    ])
    expect(ev.controls.map((c) => c.checklistItem)).toEqual(['2-③'])
  })

  it('compares the SP-2000 declared ports with what a scan saw', async () => {
    const parsed = await read('sp-2000-mds2-2019.xlsx')
    const seen = (port: number, service: string, tls: boolean | null) => ({
      address: '10.0.5.20',
      port,
      transport: 'tcp' as const,
      service,
      tls,
      lastSeenAt: '2026-12-01T00:00:00.000Z',
    })
    const rows = compareDeclaredObserved(parsed.declaredPorts, [
      seen(104, 'dicom', false),
      seen(443, 'http', false),
      seen(23, 'telnet', null),
    ])
    const items = comparisonFindings(rows, { id: 'dev-1', siteId: 'default' }, 'サンプル医療 SP-2000')
    expect(items.map((i) => [i.draft.ruleId, i.draft.port])).toEqual([
      ['undeclared-open-port', 23],
      ['cleartext-where-tls-declared', 443],
    ])
  })
})
