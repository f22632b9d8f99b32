/**
 * Passive discovery through the API as a client (or an attacker) sends it, on both databases: the lab's recorded
 * capture uploaded as a browser would; hosts linked to the ledger, findings through the scan path, the map with
 * device labels and its exports; a file that is no capture fails on its record with the reason; an upload past the
 * limit is 413 and leaves nothing behind; no session, a viewer or a missing CSRF token are refused; the map of an
 * unknown device is a 404.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaptureDetail, CaptureImport, TrafficMap } from '../../api/capture.js'
import { loadConfig } from '../../src/config.js'
import { buildApp } from '../../src/server/app.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { login, type Session, TEST_PASSWORD } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { fileUpload } from '../helpers/multipart.js'
import { userService } from '../helpers/services.js'
import { ethTcp4, text } from '../passive/frames.js'
import { writePcap } from '../passive/pcap-writer.js'

const LAB = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'captures', 'lab-traffic.pcap'))

describe.each(DIALECTS)('capture API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session
  let viewer: Session
  let admin: Session
  let dataDir: string
  let lab: CaptureDetail

  const upload = (s: Session | null, name: string, bytes: Uint8Array, extra: Record<string, string> = {}) => {
    const form = fileUpload(name, bytes)
    return app.inject({
      method: 'POST',
      url: '/api/captures',
      headers: { ...(s?.headers ?? {}), ...form.headers, ...extra },
      payload: form.payload,
    })
  }
  const get = async <T>(url: string, s: Session = viewer): Promise<T> => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    return res.json() as T
  }
  const finished = async (id: string): Promise<CaptureDetail> => {
    for (let i = 0; i < 200; i++) {
      const c = await get<CaptureDetail>(`/api/captures/${id}`)
      if (c.status !== 'running') return c
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error('capture did not finish')
  }

  beforeAll(async () => {
    storage = await dialect.open()
    dataDir = mkdtempSync(join(tmpdir(), 'mamori-capture-api-'))
    const users = userService(storage)
    for (const role of ['admin', 'engineer', 'viewer'] as const)
      await users.create({ username: role, displayName: role, role, password: TEST_PASSWORD }, SYSTEM_ACTOR)
    app = await buildApp({ storage, config: loadConfig({ dataDir, maxCaptureUploadBytes: 200_000 }, {}) })
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    // Two lab devices in the ledger: the PACS by address, the SMB1 analyzer terminal by MAC only.
    for (const d of [
      buildDevice({
        assetTag: 'LAB-PACS',
        name: 'PACS',
        category: 'pacs',
        ipAddresses: ['10.77.0.11'],
        networkSegment: 'RAD',
      }),
      buildDevice({ assetTag: 'LAB-SMB1', name: '検体検査端末', ipAddresses: [], macAddresses: ['00:06:6b:4d:00:14'] }),
    ]) {
      const r = await app.inject({ method: 'POST', url: '/api/devices', headers: engineer.headers, payload: d })
      expect(r.statusCode, r.body).toBe(201)
    }
    const res = await upload(engineer, 'ward-3f.pcap', LAB)
    expect(res.statusCode, res.body).toBe(202)
    lab = await finished(res.json().capture.id)
  }, 60_000)
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('analyses the upload: hosts with MACs, vendors, names and protocols; the upload itself is deleted', async () => {
    expect(lab).toMatchObject({ status: 'completed', format: 'pcap', label: 'ward-3f.pcap', kind: 'file' })
    expect(lab.packets).toBeGreaterThan(250)
    const smb1 = lab.hostList.find((h) => h.address === '10.77.0.20')
    expect(smb1).toMatchObject({ mac: '00:06:6b:4d:00:14', vendor: 'Sysmex Corporation', assetTag: 'LAB-SMB1' })
    expect(smb1?.protocols).toContain('smb')
    expect(lab.hostList.find((h) => h.address === '10.77.0.11')?.assetTag).toBe('LAB-PACS')
    expect(lab.hostList.find((h) => h.address === '10.77.0.40')?.names.map((n) => n.name)).toContain('icu-monitor-gw')
    // The uploaded file is removed once its job has ended (a moment after the record says completed).
    for (let i = 0; i < 50 && readdirSync(join(dataDir, 'captures')).length > 0; i++)
      await new Promise((r) => setTimeout(r, 50))
    expect(readdirSync(join(dataDir, 'captures'))).toEqual([])
  })

  it('raises findings through the scan path (source scan), on the ledger device, with packet evidence', async () => {
    expect(lab.scanId).not.toBeNull()
    expect(lab.findings).toBeGreaterThan(5)
    const { items } = await get<{
      items: { ruleId: string; deviceId: string | null; evidence: string; source: string }[]
    }>(`/api/findings?scanId=${lab.scanId}&limit=500`)
    const smb = items.find((f) => f.ruleId === 'smbv1-enabled')
    expect(smb?.source).toBe('scan')
    expect(smb?.deviceId).toBe(lab.hostList.find((h) => h.address === '10.77.0.20')?.deviceId)
    expect(smb?.evidence).toMatch(/packet \d+/)
    expect(items.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['cleartext-credentials', 'dicom-without-tls', 'telnet-cleartext']),
    )
    const scan = await get<{ profile: string }>(`/api/scans/${lab.scanId}`)
    expect(scan.profile).toBe('passive')
  })

  it('draws the map with ledger labels, filters it to one device, and exports CSV and GraphML (audited)', async () => {
    const map = await get<TrafficMap>('/api/traffic/map')
    expect(map.edges.find((e) => e.client === '10.77.0.10' && e.server === '10.77.0.11')).toMatchObject({
      protocol: 'dicom',
      serverPort: 11112,
    })
    expect(map.nodes.find((n) => n.address === '10.77.0.11')).toMatchObject({
      label: 'LAB-PACS PACS',
      category: 'pacs',
      segment: 'RAD',
    })
    const pacs = await get<TrafficMap>('/api/traffic/map?device=LAB-PACS')
    expect(pacs.edges.every((e) => e.client === '10.77.0.11' || e.server === '10.77.0.11')).toBe(true)
    expect(pacs.edges.length).toBeGreaterThan(0)
    const csv = await app.inject({ url: '/api/traffic/map?format=csv', headers: viewer.headers })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.split('\n')[0]).toContain('client,client_device,server')
    const graphml = await app.inject({ url: '/api/traffic/map?format=graphml', headers: viewer.headers })
    const doc = new XMLParser({ ignoreAttributes: false }).parse(graphml.body)
    expect(doc.graphml.graph.edge.length).toBe(map.edges.length)
    expect(doc.graphml.graph.node.length).toBe(map.nodes.length)
    const audit = await get<{ items: { action: string }[] }>('/api/audit?limit=50', admin)
    expect(audit.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['capture.start', 'capture.import', 'traffic.export']),
    )
  })

  it('sums the map over captures: the same capture again doubles the counters, not the edges', async () => {
    const before = await get<TrafficMap>('/api/traffic/map')
    const res = await upload(engineer, 'again.pcap', LAB)
    await finished(res.json().capture.id)
    const after = await get<TrafficMap>('/api/traffic/map')
    expect(after.edges.length).toBe(before.edges.length)
    const key = (e: TrafficMap['edges'][number]) => `${e.client}>${e.server}:${e.serverPort}`
    const b = new Map(before.edges.map((e) => [key(e), e.packets]))
    for (const e of after.edges) expect(e.packets).toBe(2 * (b.get(key(e)) ?? 0))
  })

  it('a device heard talking to the internet gets the finding, and its risk counts internet traffic', async () => {
    // The PACS (ledger 10.77.0.11) opening HTTPS to a documentation address (TEST-NET-3): bytes in a file only.
    const out = { src: '10.77.0.11', dst: '203.0.113.5', srcPort: 51000, dstPort: 443, srcMac: '88:b4:36:4d:00:0b' }
    const back = { src: '203.0.113.5', dst: '10.77.0.11', srcPort: 443, dstPort: 51000, dstMac: '88:b4:36:4d:00:0b' }
    const file = writePcap([
      { data: ethTcp4({ ...out, flags: ['SYN'], seq: 100 }) },
      { data: ethTcp4({ ...back, flags: ['SYN', 'ACK'], seq: 900, ack: 101 }) },
      { data: ethTcp4({ ...out, flags: ['ACK', 'PSH'], seq: 101, ack: 901, payload: text('hello') }) },
    ])
    const res = await upload(engineer, 'pacs-internet.pcap', file)
    const c = await finished(res.json().capture.id)
    expect(c.status, JSON.stringify(c.problems)).toBe('completed')
    const pacsId = c.hostList.find((h) => h.address === '10.77.0.11')?.deviceId
    expect(pacsId).toBeTruthy()
    const { items } = await get<{ items: { ruleId: string; evidence: string }[] }>(
      `/api/findings?scanId=${c.scanId}&limit=50`,
    )
    expect(items.find((f) => f.ruleId === 'internet-traffic')?.evidence).toContain('203.0.113.5')
    await app.inject({ method: 'POST', url: '/api/risk/rescore', headers: admin.headers })
    const risk = await get<{ contributions: { factor: string }[] }>(`/api/risk/devices/${pacsId}`)
    expect(risk.contributions.map((x) => x.factor)).toContain('internetTraffic')
  })

  it('a file that is no capture fails on its record, saying why, and creates no scan', async () => {
    const res = await upload(engineer, 'notes.pcap', new TextEncoder().encode('meeting notes, not a capture'))
    expect(res.statusCode).toBe(202)
    const c = await finished(res.json().capture.id)
    expect(c).toMatchObject({ status: 'failed', scanId: null, packets: 0 })
    expect(c.problems[0]).toMatchObject({ code: 'unknown-format', severity: 'fatal' })
    expect(c.problems[0]?.messageJa).toContain('パケットキャプチャではありません')
    expect(c.error).toContain('not a packet capture')
  })

  it('refuses an upload past the limit with 413 and keeps nothing', async () => {
    const res = await upload(engineer, 'big.pcap', new Uint8Array(300_000))
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('CAPTURE_TOO_LARGE')
    expect(readdirSync(join(dataDir, 'captures'))).toEqual([])
  })

  it('refuses what an attacker sends: no session, a viewer, no CSRF token, a forged URL', async () => {
    expect((await upload(null, 'x.pcap', LAB)).statusCode).toBe(401)
    expect((await upload(viewer, 'x.pcap', LAB)).statusCode).toBe(403)
    const form = fileUpload('x.pcap', LAB)
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/captures',
      headers: { cookie: engineer.cookie, ...form.headers },
      payload: form.payload,
    })
    expect(noCsrf.statusCode).toBe(403)
    expect((await app.inject({ url: '/api/traffic/map' })).statusCode).toBe(401)
    expect((await app.inject({ url: '/api/%63aptures' })).statusCode).toBe(401)
    expect((await app.inject({ url: 'http://evil.example/api/captures' })).statusCode).toBe(401)
    const list = await get<{ items: CaptureImport[] }>('/api/captures')
    expect(list.items.every((c) => c.label !== 'x.pcap')).toBe(true)
  })

  it('names an unknown device or capture clearly', async () => {
    const res = await app.inject({ url: '/api/traffic/map?device=NO-SUCH', headers: viewer.headers })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('TRAFFIC_DEVICE_UNKNOWN')
    expect((await app.inject({ url: '/api/captures/nope', headers: viewer.headers })).statusCode).toBe(404)
  })
})
