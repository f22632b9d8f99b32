/**
 * Issue 9's "done when", through the API as a client sends it, on both databases: CISA's medical advisories (CSAF)
 * and the KEV catalogue imported against a ledger whose makers are written as Japanese hospitals write them
 * (株式会社フィリップス・ジャパン, 日本ベクトン・ディッキンソン株式会社) show which devices are affected and why — in Japanese —, which
 * are known exploited, which were ruled out by version; a manufacturer's VEX statement removes a match with its
 * justification; a person's "false" decision covers every device of the model and survives a re-import; findings
 * follow; roles and bad files are refused.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdvisoryAffected, MatchOut } from '../../api/vulns.js'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { fileUpload } from '../helpers/multipart.js'

const FEEDS = join(import.meta.dirname, '../fixtures/feeds')
const feed = (name: string) => readFileSync(join(FEEDS, name))

describe.each(DIALECTS)('vulnerability intelligence API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  const ids: Record<string, string> = {}

  const upload = (s: Session, url: string, name: string, bytes: Uint8Array) => {
    const body = fileUpload(name, bytes)
    return app.inject({ method: 'POST', url, headers: { ...s.headers, ...body.headers }, payload: body.payload })
  }
  const get = async (url: string, s: Session = viewer) => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    return res.json()
  }
  const addDevice = async (tag: string, manufacturer: string, model: string, softwareVersion: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: buildDevice({
        assetTag: tag,
        manufacturer,
        model,
        softwareVersion,
        department: '放射線科',
        location: '本館3階 読影室',
        responsiblePerson: '臨床工学技士 山田',
        ipAddresses: [],
        macAddresses: [],
      }),
    })
    expect(res.statusCode, res.body).toBe(201)
    ids[tag] = res.json().id
  }
  const byTag = (rows: readonly MatchOut[], tag: string) => rows.filter((m) => m.device.assetTag === tag)

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    await addDevice('PACS-01', '株式会社フィリップス・ジャパン', 'Vue PACS', '12.1.0.3')
    await addDevice('PACS-02', '株式会社フィリップス・ジャパン', 'Vue PACS', '12.3.0.1')
    await addDevice('PCU-01', '日本ベクトン・ディッキンソン株式会社', 'Alaris PC Unit', '9.19')
    await addDevice('PCU-02', '日本ベクトン・ディッキンソン株式会社', 'Alaris PC Unit', '9.20')
    await addDevice('PCU-03', '日本ベクトン・ディッキンソン株式会社', 'Alaris PC Unit', '12.1')
    await addDevice('XTR-01', 'Spacelabs', 'Xhibit Telemetry Receiver', '1.0.2')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('refuses a viewer, and a file that is no feed with file and JSON path, storing nothing', async () => {
    expect((await upload(viewer, '/api/feeds/import', 'kev.json', feed('kev-subset.json'))).statusCode).toBe(403)
    const truncated = feed('icsma-21-187-01.json').subarray(0, 5000)
    const res = await upload(engineer, '/api/feeds/import', 'icsma-21-187-01.json', truncated)
    expect(res.statusCode, res.body).toBe(422)
    const err = res.json().error
    expect(err.code).toBe('FEED_UNREADABLE')
    expect(err.messageJa).toContain('icsma-21-187-01.json')
    expect(err.details[0].where).toContain('icsma-21-187-01.json')
    expect((await get('/api/advisories')).total).toBe(0)
  })

  it('imports the advisories and KEV, and answers "do we have this?" in Japanese with KEV and ruled-out devices', async () => {
    for (const name of ['kev-subset.json', 'icsma-21-187-01.json', 'icsma-20-170-06.json', 'icsma-20-049-01.json']) {
      const res = await upload(engineer, '/api/feeds/import', name, feed(name))
      expect(res.statusCode, `${name}: ${res.body}`).toBe(200)
      expect(res.json().files[0].stored, name).toBeGreaterThan(0)
    }
    const list = await get('/api/advisories')
    expect(list.items.map((a: { id: string }) => a.id).sort()).toEqual([
      'ICSMA-20-049-01',
      'ICSMA-20-170-06',
      'ICSMA-21-187-01',
    ])
    const pacs = list.items.find((a: { id: string }) => a.id === 'ICSMA-21-187-01')
    expect(pacs.knownExploited).toBe(true)
    expect(pacs.affectedDevices).toBe(1)
    expect((await get('/api/advisories?kev=true')).items.map((a: { id: string }) => a.id)).toContain('ICSMA-21-187-01')

    const vue: AdvisoryAffected = await get('/api/advisories/ICSMA-21-187-01/affected')
    const hit = byTag(vue.affected, 'PACS-01')
    expect(hit.length).toBeGreaterThan(0)
    const kev = hit.find((m) => m.cve === 'CVE-2020-1938')!
    expect(kev.knownExploited).toBe(true)
    expect(kev.effective).toBe('affected')
    expect(kev.device.location).toBe('本館3階 読影室')
    expect(kev.device.department).toBe('放射線科')
    expect(kev.device.owner).toBe('臨床工学技士 山田')
    const why = kev.reasons.map((r) => r.ja).join(' ')
    expect(why).toContain('株式会社フィリップス・ジャパン')
    expect(why).toContain('別名表')
    expect(why).toContain('Vue PACS')
    expect(why).toMatch(/バージョン/)
    // 12.3.0.1 is above "<= 12.2.x.x": ruled out by version, with the bound in the explanation.
    const out = byTag(vue.ruledOut, 'PACS-02')
    expect(out.length).toBeGreaterThan(0)
    expect(out.every((m) => m.effective === 'ruled-out-by-version')).toBe(true)
    expect(out[0]!.reasons.map((r) => r.ja).join(' ')).toContain('対象外')
    expect(byTag(vue.affected, 'PACS-02')).toEqual([])

    // The BD list "9.13 | 9.19 | 9.33 | 12.1": 9.19 and 12.1 are affected, 9.20 is not.
    const alaris: AdvisoryAffected = await get('/api/advisories/ICSMA-20-170-06/affected')
    expect(new Set(alaris.affected.map((m) => m.device.assetTag))).toEqual(new Set(['PCU-01', 'PCU-03']))
    expect(byTag(alaris.ruledOut, 'PCU-02')[0]!.effective).toBe('ruled-out-by-version')
    expect(alaris.affected[0]!.reasons.map((r) => r.ja).join(' ')).toContain('日本ベクトン・ディッキンソン')

    // Per device, and the findings the risk view will read.
    const device = await get(`/api/devices/${ids['PACS-01']}/vulnerabilities`)
    expect(device.items[0].knownExploited).toBe(true)
    const findings = await get(`/api/findings?deviceId=${ids['PACS-01']}&ruleId=CVE-2020-1938`)
    const kevFinding = findings.items[0]
    expect(kevFinding.source).toBe('vulnerability')
    expect(kevFinding.severity).toBe('critical')
    expect(kevFinding.titleJa).toContain('CVE-2020-1938')
  })

  it('a VEX statement from the manufacturer removes the match, showing its justification', async () => {
    const before: AdvisoryAffected = await get('/api/advisories/ICSMA-20-049-01/affected')
    expect(byTag(before.affected, 'XTR-01').length).toBe(1)
    const res = await upload(
      engineer,
      '/api/feeds/import',
      'vex-spacelabs-xtr-not-affected.json',
      feed('vex-spacelabs-xtr-not-affected.json'),
    )
    expect(res.statusCode, res.body).toBe(200)
    const after: AdvisoryAffected = await get('/api/advisories/ICSMA-20-049-01/affected')
    expect(byTag(after.affected, 'XTR-01')).toEqual([])
    const removed = byTag(after.ruledOut, 'XTR-01')[0]!
    expect(removed.effective).toBe('not-affected')
    expect(removed.vex?.justification).toBe('vulnerable_code_not_present')
    expect(removed.reasons.map((r) => r.ja).join(' ')).toContain('vulnerable_code_not_present')
  })

  it("a person's decision covers the model's devices and survives re-importing the advisory", async () => {
    // Both affected pumps confirmed as one catalog model (the maker goes through the alias table).
    const model = await app.inject({
      method: 'POST',
      url: '/api/models',
      headers: engineer.headers,
      payload: { manufacturer: '日本ベクトン・ディッキンソン株式会社', name: 'Alaris PC Unit' },
    })
    expect(model.statusCode, model.body).toBe(201)
    for (const tag of ['PCU-01', 'PCU-03']) {
      const link = await app.inject({
        method: 'PUT',
        url: `/api/devices/${ids[tag]}/model`,
        headers: engineer.headers,
        payload: { modelId: model.json().id },
      })
      expect(link.statusCode, link.body).toBe(200)
    }
    const alaris: AdvisoryAffected = await get('/api/advisories/ICSMA-20-170-06/affected')
    const match = byTag(alaris.affected, 'PCU-01')[0]!
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/matches/${match.id}/review`,
          headers: viewer.headers,
          payload: { decision: 'false-positive' },
        })
      ).statusCode,
    ).toBe(403)
    const res = await app.inject({
      method: 'POST',
      url: `/api/matches/${match.id}/review`,
      headers: engineer.headers,
      payload: { decision: 'false-positive', note: '院内の PCU は無線モジュールなしで使用' },
    })
    expect(res.statusCode, res.body).toBe(200)
    const reimport = await upload(engineer, '/api/feeds/import', 'icsma-20-170-06.json', feed('icsma-20-170-06.json'))
    expect(reimport.statusCode).toBe(200)
    const after: AdvisoryAffected = await get('/api/advisories/ICSMA-20-170-06/affected')
    expect(after.affected.filter((m) => m.device.assetTag?.startsWith('PCU-'))).toEqual([])
    for (const tag of ['PCU-01', 'PCU-03']) {
      const marked = byTag(after.ruledOut, tag)[0]!
      expect(marked.effective, tag).toBe('false-positive')
      expect(marked.review?.note).toBe('院内の PCU は無線モジュールなしで使用')
    }
    // The finding the decision ruled out is closed.
    const findings = await get(`/api/findings?deviceId=${ids['PCU-03']}&ruleId=CVE-2019-11479`)
    expect(findings.items.every((f: { status: string }) => f.status !== 'open')).toBe(true)
    const audit = await get('/api/audit?limit=200', admin)
    const actions = audit.items.map((e: { action: string }) => e.action)
    expect(actions).toContain('vulns.review')
    expect(actions).toContain('feeds.import')
  })
})
