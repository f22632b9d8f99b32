import { describe, expect, it } from 'vitest'
import { buildFinding } from '../../test/factories/findings.js'
import { MEDIA_TYPES } from '../core/report-format.js'
import { findingsToCsv } from '../exporters/findings-export.js'
import { ALL_REPORT_FORMATS, REPORT_FORMATS, reportFormat } from './formats.js'

describe('the report format registry', () => {
  it('has unique ids of the form <subject>-<fileType>, the right media type and both labels', () => {
    const ids = ALL_REPORT_FORMATS.map((f) => f.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const f of ALL_REPORT_FORMATS) {
      expect(f.id).toBe(`${f.subject}-${f.fileType}`)
      expect(f.mediaType).toBe(MEDIA_TYPES[f.fileType])
      expect(f.label.ja && f.label.en).toBeTruthy()
    }
  })

  it("covers today's exporters: findings and devices, CSV and XLSX", () => {
    expect(ids(REPORT_FORMATS.findings)).toEqual(['findings-csv', 'findings-xlsx'])
    expect(ids(REPORT_FORMATS.devices)).toEqual(['devices-csv', 'devices-xlsx'])
    expect(reportFormat('findings', 'pdf')).toBeUndefined()
  })

  it('renders exactly what the exporter writes', async () => {
    const findings = [buildFinding(), buildFinding({ severity: 'critical' })]
    for (const lang of ['ja', 'en'] as const) {
      const bytes = await reportFormat('findings', 'csv')!.render(findings, lang)
      expect(Buffer.from(bytes).equals(findingsToCsv(findings, lang))).toBe(true)
    }
  })

  it('writes XLSX files (zip) for both subjects', async () => {
    const xlsx = [await reportFormat('findings', 'xlsx')!.render([buildFinding()], 'en')]
    xlsx.push(await reportFormat('devices', 'xlsx')!.render([], 'ja'))
    for (const b of xlsx) expect(Buffer.from(b).subarray(0, 2).toString()).toBe('PK')
    const csv = Buffer.from(await reportFormat('devices', 'csv')!.render([], 'en')).toString('utf8')
    expect(csv.length).toBeGreaterThan(0)
  })
})

function ids(list: readonly { id: string }[]): string[] {
  return list.map((f) => f.id)
}
