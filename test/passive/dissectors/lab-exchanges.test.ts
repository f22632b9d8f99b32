/**
 * The dissectors on real exchanges recorded from the lab (test/fixtures/captures/lab-traffic.pcap: dcmtk, smbclient,
 * vsftpd, telnetd, net-snmp, curl, OpenSSH, busybox udhcpc and an HL7 engine), through the whole pipeline.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PassiveEvent, PassiveResult } from '../../../src/passive/contract.js'
import { createPassivePipeline } from '../../../src/passive/pipeline.js'

const CAPTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'captures', 'lab-traffic.pcap')
let result: PassiveResult
let events: PassiveEvent[]

const of = <K extends PassiveEvent['kind']>(kind: K) =>
  events.filter((e): e is Extract<PassiveEvent, { kind: K }> => e.kind === kind)

beforeAll(() => {
  const p = createPassivePipeline()
  p.push(readFileSync(CAPTURE))
  result = p.end()
  events = result.hosts.flatMap((h) => h.events)
})

describe('dissectors on the lab capture', () => {
  it('hears every exchange without a problem', () => {
    expect(result.problems).toEqual([])
    for (const kind of [
      'dicom-associate',
      'hl7-message',
      'smb-negotiate',
      'ntlm',
      'cleartext-login',
      'banner',
      'snmp',
      'http-request',
      'http-response',
      'dhcp',
      'arp',
    ])
      expect(result.stats.events[kind], kind).toBeGreaterThan(0)
  })

  it('DICOM: AE titles, the implementation UID and version of dcmtk, the SOP classes, and both called titles the CT accepted', () => {
    const rq = of('dicom-associate').find((e) => e.pdu === 'rq' && e.calledAeTitle === 'PACS_ARCHIVE')
    expect(rq?.callingAeTitle).toBe('CT_SCANNER01')
    expect(rq?.implementationClassUid).toMatch(/^1\.2\.276\.0\.7230010\.3/)
    expect(rq?.implementationVersionName).toMatch(/^OFFIS_DCMTK/)
    expect(rq?.abstractSyntaxes).toContain('1.2.840.10008.5.1.4.1.1.2') // CT Image Storage
    const ac = of('dicom-associate').filter((e) => e.pdu === 'ac' && e.flow?.server === '10.77.0.10')
    expect([...new Set(ac.map((e) => e.calledAeTitle))].sort()).toEqual(['ANY-SCP', 'CT_SCANNER01'])
  })

  it('HL7: MSH applications, facilities, message type and version of the results and their ACKs', () => {
    const oru = of('hl7-message').find((e) => e.messageType === 'ORU^R01')
    expect(oru).toMatchObject({
      sendingApplication: 'CMG100',
      sendingFacility: 'ICU3F',
      receivingApplication: 'VITALLINK',
      version: '2.5',
      ack: false,
    })
    const ack = of('hl7-message').find((e) => e.ack)
    expect(ack?.sendingApplication).toBe('VITALLINK')
    // The body (PID: the patient) is never read: no event carries it.
    expect(JSON.stringify(events)).not.toContain('TRAINING^DUMMY')
  })

  it('SMB: SMB1 accepted by the analyzer terminal, SMB 3.1.1 and NTLM names and user on the file server', () => {
    const smb1 = of('smb-negotiate').find((e) => e.side === 'response' && e.flow?.server === '10.77.0.20' && e.smb1)
    // smbclient offers 'NT LANMAN 1.0' (the same SMB1 dialect as 'NT LM 0.12'), and Samba with NT1 takes it.
    expect(smb1?.chosen).toMatch(/^NT (LANMAN 1\.0|LM 0\.12)$/)
    expect(smb1?.dialects.length).toBeGreaterThan(1)
    const smb3 = of('smb-negotiate').find((e) => e.side === 'response' && e.flow?.server === '10.77.0.21')
    expect(smb3).toMatchObject({ smb1: false, chosen: '3.1.1' })
    const auth = of('ntlm').find((e) => e.message === 'authenticate' && e.user === 'nurse01')
    expect(auth?.netbiosDomain).toBe('WARD3')
    expect(of('ntlm').some((e) => e.message === 'challenge' && e.netbiosComputer === 'DEPT-FILES')).toBe(true)
  })

  it('FTP, Telnet and HTTP Basic logins: user names and outcome, never a password', () => {
    const logins = of('cleartext-login').map((e) => `${e.protocol}:${e.user}:${e.accepted}`)
    expect(logins.sort()).toEqual([
      'ftp:anonymous:true',
      'ftp:ct-tech:false',
      'http-basic:admin:true',
      'telnet:nurse01:false',
    ])
    expect(JSON.stringify(events)).not.toMatch(/lab-password|guest@example/)
  })

  it('banners, SNMP "public" with sysDescr and sysName, HTTP server and login page, SSH versions', () => {
    expect(of('banner').find((e) => e.protocol === 'telnet')?.text).toContain('Imaging workstation IW-2000')
    expect(
      of('banner')
        .filter((e) => e.protocol === 'ssh')
        .map((e) => e.side)
        .sort(),
    ).toEqual(['client', 'server'])
    const snmp = of('snmp').find((e) => e.pdu === 'response')
    expect(snmp).toMatchObject({ version: 'v2c', community: 'public', communityHash: null, sysName: 'icu-monitor-gw' })
    expect(snmp?.sysDescr).toContain('CMG-100')
    const page = of('http-response').find((e) => e.title)
    expect(page?.server).toContain('InfusionManager/2.4')
    expect(page?.title).toContain('Administrator Login')
    expect(page?.passwordForm).toBe(true)
  })

  it('DHCP: the host name, vendor class and parameter request list of busybox udhcpc', () => {
    const d = of('dhcp')[0]
    expect(d).toMatchObject({
      messageType: 1,
      clientMac: '00:1b:21:4d:00:c8',
      hostName: 'NURSE-WS01',
      vendorClass: 'MSFT 5.0',
    })
    expect(d?.parameterRequestList.length).toBeGreaterThan(3)
  })
})
