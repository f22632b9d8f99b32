import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { translate } from '../../../src/core/messages/translate.js'
import { readEpss } from '../../../src/importers/feeds/epss.js'

const FIXTURE = readFileSync(join(import.meta.dirname, '../../fixtures/feeds/epss-subset.csv'))
const bytes = (s: string) => new TextEncoder().encode(s)

describe('readEpss', () => {
  it('reads the model version, the score date and the rows (CRLF, gzip)', () => {
    for (const input of [FIXTURE, gzipSync(FIXTURE)]) {
      const feed = readEpss(input, 'epss_scores-2025-03-20.csv.gz')
      expect(feed.problems).toEqual([])
      expect(feed.modelVersion).toBe('v2025.03.14')
      expect(feed.scoreDate).toBe('2025-03-20T00:00:00+0000')
      expect(feed.rows).toHaveLength(6)
      expect(feed.rows[2]).toEqual({ cve: 'CVE-2019-0708', score: 0.94468, percentile: 0.99988 })
    }
  })

  it('reads a file without the comment line', () => {
    const feed = readEpss(bytes('cve,epss,percentile\nCVE-2019-0708,0.9,0.99\n'), 'e.csv')
    expect(feed.modelVersion).toBeNull()
    expect(feed.rows).toEqual([{ cve: 'CVE-2019-0708', score: 0.9, percentile: 0.99 }])
  })

  it('skips bad rows with line, column and value', () => {
    const text = [
      '#model_version:v2025.03.14,score_date:2025-03-20T00:00:00+0000',
      'cve,epss,percentile',
      'CVE-2019-0708,0.94468,0.99988',
      'CVE-19-1,0.1,0.2',
      'CVE-2020-1938,high,0.2',
      'CVE-2020-1938,0.5,1.7',
      'CVE-2020-1938,0.5',
      'CVE-2020-1939,  ,0.5',
      'CVE-2019-0708,0.1,0.2',
      'CVE-2017-0144,1e-05,0.01',
    ].join('\n')
    const feed = readEpss(bytes(text), 'e.csv')
    expect(feed.problems.map((p) => `${p.code} ${p.path} ${p.params.column ?? ''}`.trim())).toEqual([
      'csvValue line 4 cve',
      'csvValue line 5 epss',
      'csvValue line 6 percentile',
      'csvColumns line 7',
      'csvValue line 8 epss',
      'csvDuplicate line 9',
    ])
    expect(feed.rows.map((r) => r.cve)).toEqual(['CVE-2019-0708', 'CVE-2017-0144'])
    expect(feed.rows[1]!.score).toBe(0.00001)
    const ja = translate('ja', 'feeds.problem.csvValue', feed.problems[1]!.params)
    expect(ja).toBe('「e.csv」の 5 行目「epss」列: high は読めません。この行は読み飛ばしました。')
  })

  it('refuses a file that is not EPSS, naming the line it expected the header on', () => {
    const feed = readEpss(bytes('#model_version:v1\nid,score\n'), 'e.csv')
    expect(feed.rows).toEqual([])
    expect(feed.problems).toMatchObject([
      { severity: 'error', code: 'notEpss', params: { line: 2, found: 'id,score' } },
    ])
    expect(readEpss(bytes(''), 'e.csv').problems[0]!.code).toBe('notEpss')
  })
})
