import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hasMessage, translate } from '../../../src/core/messages/translate.js'
import { configurationApplies, parseCpe } from '../../../src/core/vulns/cpe.js'
import { readNvd } from '../../../src/importers/feeds/nvd.js'

const FIXTURE = readFileSync(join(import.meta.dirname, '../../fixtures/feeds/nvd-cve-2.0-page.json'))
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))
const doc = () => JSON.parse(FIXTURE.toString())

describe('readNvd', () => {
  it('reads an NVD CVE API 2.0 page: descriptions, NVD’s own score first, CWEs, configurations, paging', () => {
    const feed = readNvd(FIXTURE, 'page.json')
    expect(feed.problems).toEqual([])
    expect(feed.cves.map((c) => c.id)).toEqual(['CVE-2019-0708', 'CVE-2099-0001', 'CVE-2024-7347'])
    expect(feed.rejected).toEqual(['CVE-2099-0002'])
    expect(feed.page).toEqual({
      resultsPerPage: 4,
      startIndex: 0,
      totalResults: 4,
      timestamp: '2025-03-20T09:12:44.127',
    })
    const [blueKeep, firmware, nginx] = feed.cves
    expect(blueKeep).toMatchObject({
      source: 'nvd',
      publishedAt: '2019-05-16T19:29:00.350',
      cvss3: { version: '3.1', baseScore: 9.8 },
      cvss4: null,
      cwes: ['CWE-416'],
      descriptionJa: null,
    })
    expect(blueKeep!.descriptionEn).toContain('Remote Desktop Services')
    // The CNA said 9.8, NVD (Primary) 7.5: NVD's is kept; both CWEs are.
    expect(firmware!.cvss3!.baseScore).toBe(7.5)
    expect(firmware!.cwes).toEqual(['CWE-787', 'CWE-121'])
    expect(nginx!.cvss4).toEqual({
      version: '4.0',
      vector: 'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N',
      baseScore: 5.7,
    })
    expect(nginx!.configurations[0]!.nodes[0]!.cpeMatch![0]).toEqual({
      vulnerable: true,
      criteria: 'cpe:2.3:a:f5:nginx:*:*:*:*:open_source:*:*:*',
      versionStartIncluding: '1.5.13',
      versionEndExcluding: '1.27.1',
    })
  })

  it('keeps firmware-on-hardware as an AND the matcher can evaluate', () => {
    const [, firmware] = readNvd(FIXTURE, 'page.json').cves
    const config = firmware!.configurations[0]!
    expect(config.operator).toBe('AND')
    const fw = parseCpe('cpe:2.3:o:moxa:pt-7528_firmware:3.9:*:*:*:*:*:*:*')!
    const hw = parseCpe('cpe:2.3:h:moxa:pt-7528:-:*:*:*:*:*:*:*')!
    expect(configurationApplies(config, [fw, hw]).applies).toBe(true)
    expect(configurationApplies(config, [fw]).applies).toBe(false)
  })

  it('reads the same file gzipped', () => {
    const feed = readNvd(gzipSync(FIXTURE), 'nvdcve-2.0-modified.json.gz')
    expect(feed.problems).toEqual([])
    expect(feed.cves).toHaveLength(3)
  })

  it('skips bad entries with their JSON path, leaves out an unreadable configuration whole, keeps the newer duplicate', () => {
    const d = doc()
    d.vulnerabilities[0].cve.id = 'CVE-19-708'
    d.vulnerabilities[1].cve.configurations[0].nodes[1].cpeMatch[0].vulnerable = 'no'
    d.vulnerabilities[2].cve.metrics.cvssMetricV40[0].cvssData.baseScore = '5.9'
    d.vulnerabilities.push(42)
    d.vulnerabilities.push({ cve: { published: '2020-01-01' } })
    const again = structuredClone(d.vulnerabilities[2])
    again.cve.lastModified = '2025-03-01T00:00:00.000'
    again.cve.descriptions[0].value = 'Updated.'
    d.vulnerabilities.push(again)
    const feed = readNvd(bytes(d), 'nvd.json')
    expect(feed.problems.map((p) => `${p.severity} ${p.code} ${p.path}`)).toEqual([
      'warning notCveId vulnerabilities[0].cve.id',
      'warning badConfiguration vulnerabilities[1].cve.configurations[0]',
      'warning badScore vulnerabilities[2].cve.metrics.cvssMetricV40[0].cvssData',
      'warning notEntry vulnerabilities[4].cve',
      'warning missing vulnerabilities[5].cve.id',
      'warning badScore vulnerabilities[6].cve.metrics.cvssMetricV40[0].cvssData',
      'warning duplicateCve vulnerabilities[6].cve',
    ])
    expect(feed.cves.map((c) => c.id)).toEqual(['CVE-2099-0001', 'CVE-2024-7347'])
    const [firmware, nginx] = feed.cves
    expect(firmware!.configurations).toEqual([])
    expect(firmware!.cvss3!.baseScore).toBe(7.5)
    expect(nginx!.descriptionEn).toBe('Updated.')
    expect(nginx!.cvss4).toBeNull()
    for (const p of feed.problems) {
      expect(hasMessage(`feeds.problem.${p.code}`)).toBe(true)
      expect(translate('ja', `feeds.problem.${p.code}`, p.params)).toContain(p.path!)
      expect(translate('en', `feeds.problem.${p.code}`, p.params)).toContain('nvd.json')
    }
  })

  it('refuses what is not NVD, not JSON, cut short, or too large once unpacked — one error, no CVE', () => {
    const cases: [Uint8Array, string][] = [
      [bytes({ format: 'CSAF', vulnerabilities: [] }), 'notNvd'],
      [bytes({ CVE_Items: [] }), 'notNvd'],
      [bytes('[1,2]'), 'notNvd'],
      [FIXTURE.subarray(0, 900), 'notJson'],
      [gzipSync(FIXTURE).subarray(0, 200), 'badGzip'],
      [gzipSync(Buffer.alloc(4 * 1024 * 1024)), 'tooLarge'],
    ]
    for (const [input, code] of cases) {
      const feed = readNvd(input, 'x.json', { maxBytes: 1024 * 1024 })
      expect(feed.cves).toEqual([])
      expect(feed.problems.map((p) => [p.severity, p.code])).toEqual([['error', code]])
      expect(translate('ja', `feeds.problem.${code}`, feed.problems[0]!.params)).toContain('x.json')
    }
  })
})
