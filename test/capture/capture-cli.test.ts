/**
 * The capture commands as a hospital scripts them: `mamori capture import FILE --json` names every host with its
 * addresses and the protocols heard; a file that is no capture exits 3 with the reason; `mamori traffic map` prints
 * the map as JSON, CSV (formula-guarded) or GraphML.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { mamori } from '../helpers/cli.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'captures')

describe('mamori capture and traffic', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-capture-cli-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('imports the gzip pcapng (named .pcap) and lists every host with addresses and protocols', async () => {
    const r = await mamori(dataDir, ['capture', 'import', join(FIXTURES, 'lab-traffic-pcapng.pcap.gz'), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.capture).toMatchObject({ status: 'completed', format: 'pcapng', gzip: true })
    const pacs = out.hosts.find((h: { address: string }) => h.address === '10.77.0.11')
    expect(pacs).toMatchObject({ mac: '88:b4:36:4d:00:0b', addresses: { ip: '10.77.0.11', mac: '88:b4:36:4d:00:0b' } })
    expect(pacs.protocols).toContain('dicom')
    expect(out.hosts.find((h: { address: string }) => h.address === '10.77.0.70').protocols).toContain('hl7')
  })

  it('says in words, with exit code 3, that a file is no capture', async () => {
    const notes = join(dataDir, 'notes.pcap')
    writeFileSync(notes, 'Ward meeting notes\n')
    const r = await mamori(dataDir, ['capture', 'import', notes])
    expect(r.code).toBe(3)
    expect(r.stdout + r.stderr).toContain('This is not a packet capture')
    expect((await mamori(dataDir, ['capture', 'import', join(dataDir, 'missing.pcap')])).code).toBe(4)
  })

  it('prints the map as JSON, CSV and GraphML, and refuses an unknown format', async () => {
    const json = await mamori(dataDir, ['traffic', 'map', '--format', 'json'])
    expect(json.code, json.stderr).toBe(0)
    const map = JSON.parse(json.stdout)
    expect(
      map.edges.find((e: { client: string; server: string }) => e.client === '10.77.0.40' && e.server === '10.77.0.70')
        ?.protocol,
    ).toBe('hl7')
    const out = join(dataDir, 'map.graphml')
    expect((await mamori(dataDir, ['traffic', 'map', '--format', 'graphml', '--out', out])).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('<graphml')
    const csv = await mamori(dataDir, ['traffic', 'map', '--format', 'csv'])
    expect(csv.stdout.split('\n')[0]).toContain('client,client_device,server')
    const bad = await mamori(dataDir, ['traffic', 'map', '--format', 'xml'])
    expect(bad.code).not.toBe(0)
    expect(bad.stdout + bad.stderr).toContain('--format must be one of json, csv, graphml')
  })
})
