import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeEntities, nmapXmlImporter, parseNmapXml, sniffNmapXml } from './nmap-xml.js'

const sample = readFileSync(new URL('../../test/fixtures/nmap/sample.xml', import.meta.url), 'utf8')

describe('parseNmapXml', () => {
  const r = parseNmapXml(sample)

  it('reads the run, every host, MAC with vendor, host names and port states', () => {
    expect(r.problems).toEqual([])
    expect(r.complete).toBe(true)
    expect(r.run).toMatchObject({ version: '7.93', scanTypes: ['connect'], finishedAt: '2026-11-23T03:23:00.000Z' })
    expect(r.run?.args).toBe('nmap -sT -sV --script banner,dicom-ping -oX sample.xml 10.77.0.0/29')
    expect(r.hosts.map((h) => [h.address, h.state])).toEqual([
      ['10.77.0.2', 'up'],
      ['10.77.0.3', 'down'],
      ['fd00:77::5', 'up'],
    ])
    const pacs = r.hosts[0]!
    expect(pacs).toMatchObject({
      mac: '00:09:02:aa:bb:01',
      macVendor: 'Redline Communications',
      hostname: 'pacs01.lab.example',
      upReason: 'nmap',
    })
    expect(pacs.services.map((s) => [s.port, s.transport, s.state, s.service])).toEqual([
      [21, 'tcp', 'open', 'ftp'],
      [104, 'tcp', 'open', 'dicom'],
      [445, 'tcp', 'open', 'smb'],
      [8080, 'tcp', 'filtered', 'http'],
    ])
    expect(r.hosts[2]!.services[0]).toMatchObject({ port: 161, transport: 'udp', state: 'open', service: 'snmp' })
  })

  it('keeps product/version and script output as evidence', () => {
    const ftp = r.hosts[0]!.services[0]!
    expect(ftp.banner).toBe('220 (vsFTPd 3.0.3)')
    expect(ftp.probes[0]).toEqual({
      probeId: 'nmap:service',
      outcome: 'observed',
      facts: {
        name: 'ftp',
        product: 'vsftpd',
        version: '3.0.3',
        ostype: 'Unix',
        method: 'probed',
        cpe: ['cpe:/a:vsftpd:vsftpd:3.0.3'],
        confidence: 10,
      },
      evidence: 'vsftpd 3.0.3',
    })
    const dicom = r.hosts[0]!.services[1]!.probes[0]!
    expect(dicom.probeId).toBe('nmap:dicom-ping')
    expect(dicom.facts).toEqual({
      dicom: 'DICOM Service Provider discovered!',
      config: 'Any AET is accepted (Insecure)',
    })
    expect(dicom.evidence).toContain('\n  config: Any AET is accepted (Insecure)')
    expect(r.hosts[0]!.hostScripts[0]?.facts).toEqual({
      dialects: ['NT LM 0.12 (SMBv1) [dangerous, but default]', '2.0.2'],
    })
  })

  it('keeps the whole hosts of a truncated file and says where it ended', () => {
    const cut = sample.slice(0, sample.indexOf('<port protocol="udp"') + 10)
    const t = parseNmapXml(cut)
    expect(t.complete).toBe(false)
    expect(t.hosts.map((h) => h.address)).toEqual(['10.77.0.2', '10.77.0.3'])
    expect(t.problems).toHaveLength(1)
    expect(t.problems[0]!.severity).toBe('warning')
    expect(t.problems[0]!.where).toMatch(/^line \d+, column \d+ \(byte \d+\)$/)
    expect(t.problems[0]!.message).toMatch(/ends early/)
  })

  it('warns when nmap did not record the end of the scan', () => {
    const noStats = sample.replace(/<runstats>[\s\S]*<\/runstats>/, '')
    const t = parseNmapXml(noStats)
    expect(t.complete).toBe(false)
    expect(t.hosts).toHaveLength(3)
    expect(t.problems[0]?.message).toMatch(/did not record that the scan finished/)
  })

  it('skips bad ports and hosts with a located warning', () => {
    const bad = sample.replace('portid="445"', 'portid="99999"').replace('addr="10.77.0.3"', 'addr="not-an-ip"')
    const t = parseNmapXml(bad)
    expect(t.hosts.map((h) => h.address)).toEqual(['10.77.0.2', 'fd00:77::5'])
    expect(t.problems).toEqual([
      {
        where: 'host 10.77.0.2, port element #3',
        message: 'Port number "99999" is not 1–65535; the port was skipped.',
        severity: 'warning',
      },
      { where: 'host #2', message: 'This host has no valid IPv4/IPv6 address and was skipped.', severity: 'warning' },
    ])
  })

  it.each([
    ['', /no <nmaprun> element/],
    ['<html><body>hello</body></html>', /no <nmaprun> element/],
    ['<nmaprun><host><status state="up"', /cannot be read/],
    ['<!DOCTYPE x [<!ENTITY a "aaaa">]><nmaprun>&a;</nmaprun>', /declares XML entities/],
  ])('refuses %j with a clear error', (input, message) => {
    const t = parseNmapXml(input)
    expect(t.hosts).toEqual([])
    expect(t.problems[0]?.severity).toBe('error')
    expect(t.problems[0]?.message).toMatch(message)
  })

  it('reads bytes too, and sniffs', () => {
    const bytes = new TextEncoder().encode(sample)
    expect(parseNmapXml(bytes).hosts).toHaveLength(3)
    expect(sniffNmapXml(bytes.subarray(0, 600))).toBe(true)
    expect(sniffNmapXml(new TextEncoder().encode('asset_tag,ip\n1,10.0.0.1'))).toBe(false)
    expect(nmapXmlImporter.parse(bytes).records).toHaveLength(3)
  })

  it('decodes character references once', () => {
    expect(decodeEntities('a&#xa;b&#45;&#45;c &amp;lt; &quot;')).toBe('a\nb--c &lt; "')
    expect(decodeEntities('&#0; &#xD800; &bogus;')).toBe('&#0; &#xD800; &bogus;')
  })
})

describe('parseNmapXml fuzz', () => {
  const check = (input: string) => {
    const r = parseNmapXml(input)
    expect(Array.isArray(r.hosts)).toBe(true)
    for (const p of r.problems) expect(p.message.length).toBeGreaterThan(0)
    for (const h of r.hosts) for (const s of h.services) expect(s.port >= 1 && s.port <= 65535).toBe(true)
  }
  it('truncated at any point: hosts or a problem, never a throw', () => {
    fc.assert(
      fc.property(fc.nat(sample.length), (n) => check(sample.slice(0, n))),
      { numRuns: 300 },
    )
  })
  it('mutated bytes: never a throw', () => {
    const mutation = fc.tuple(fc.nat(sample.length - 1), fc.nat(40), fc.string({ maxLength: 12 }))
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (muts) => {
        let s = sample
        for (const [at, del, ins] of muts) s = s.slice(0, at) + ins + s.slice(at + del)
        check(s)
      }),
      { numRuns: 300 },
    )
  })
  it('random text: never a throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => check(`<nmaprun>${s}`)),
      { numRuns: 300 },
    )
  })
})
