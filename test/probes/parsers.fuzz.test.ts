/**
 * Every reply parser fed random bytes and mutated valid replies (fast-check): it must return a result, never
 * throw. Mutations flip, drop, duplicate and truncate bytes of real replies so length fields lie.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeAssociateRq, isPduComplete, parseDicomReply } from '../../src/probes/dicom-pdu.js'
import { isFtpReplyComplete, parseFtpReply } from '../../src/probes/ftp-anon.js'
import { isMllpFrameComplete, parseHl7Reply } from '../../src/probes/hl7-mllp.js'
import { isLoginPage, pageTitle, parseHttpResponse } from '../../src/probes/http-info.js'
import { parseConnectionConfirm } from '../../src/probes/rdp-detect.js'
import {
  isFrameComplete,
  parseSmb1Negotiate,
  parseSmb2Negotiate,
  parseSmb2SessionSetupChallenge,
} from '../../src/probes/smb-codec.js'
import { decodeGetResponse } from '../../src/probes/snmp-ber.js'
import { parseSshBanner } from '../../src/probes/ssh-banner.js'
import { decodeTelnet, findLoginPrompt } from '../../src/probes/telnet-banner.js'
import { analyzeCertificate, rawCertificate } from '../../src/probes/tls-info.js'
import { parseRfbVersion, parseSecurityTypes } from '../../src/probes/vnc-auth.js'
import { makeSelfSigned } from '../fakes/certificates.js'
import { ntlmChallenge } from '../fakes/smb-server.js'

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))

/** Valid replies captured from our fakes and from real dcmtk/Samba runs on loopback. */
const SAMPLES = {
  dicomAc: hex(
    '0200000000ba000100004d414d4f52492d414e592020202020204d414d4f524920202020202020202020000000000000000000000000000000000000000000000000000000000000000010000015312e322e3834302e31303030382e332e312e312e312100001b0100000040000013312e322e3834302e31303030382e312e322e315000003a51000004000040005200001b312e322e3237362e302e373233303031302e332e302e332e362e375500000f4f464649535f44434d544b5f333637',
  ),
  dicomEchoRsp: hex(
    '0400000000540000005001030000000004000000420000000000020012000000312e322e3834302e31303030382e312e310000000001020000003080000020010200000001000000000802000000010100000009020000000000',
  ),
  dicomRj: hex('03000000000400010107'),
  smb1: hex(
    '00000071ff534d4272000000008803c00000000000000000000000000000fffe000000001102000332000100044100000000010000000000fde300008000af67b34d70dc010000083000111111111111111148004f00530050004900540041004c0000004c00410042004600490040004c0045005300000000',
  ),
  smb2: hex(
    '000000a8fe534d42400000000000000000000100010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000410001001103020066626c6c697365000000000000000000'.padEnd(
      344,
      '0',
    ),
  ),
  rdp: hex('030000130ed000001234000200080002000000'),
  snmp: hex('302902010104067075626c6963a21c020203e90201000201003010300e06082b0601020101010004026869'),
  vnc: Uint8Array.from(Buffer.from('RFB 003.008\n')),
  vncTypes: Uint8Array.from([2, 1, 2]),
  hl7: Uint8Array.from(Buffer.from('\x0bMSH|^~\\&|LABSYS|LAB|||2026||ACK^N01|1|P|2.3\rMSA|AA|1\r\x1c\r', 'latin1')),
  ftp: Uint8Array.from(Buffer.from('220-hello\r\n220 ready\r\n')),
  ssh: Uint8Array.from(Buffer.from('SSH-2.0-OpenSSH_9.2p1 Debian\r\n')),
  http: Uint8Array.from(
    Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n<title>x</title>\r\n0\r\n\r\n'),
  ),
  telnet: Uint8Array.from([255, 253, 24, 255, 250, 24, 1, 255, 240, 65, 13, 10, 108, 111, 103, 105, 110, 58, 32]),
  dicomRq: Uint8Array.from(encodeAssociateRq('A', 'B')),
}

/** A valid sample with random edits: byte flips, a cut, an inserted run, a duplicated slice. */
function mutated(sample: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      insertAt: fc.nat(),
      insert: fc.uint8Array({ maxLength: 16 }),
    })
    .map(({ flips, cut, insertAt, insert }) => {
      const b = Buffer.from(sample)
      for (const [i, v] of flips) if (b.length > 0) b[i % b.length] = v
      const at = b.length === 0 ? 0 : insertAt % b.length
      const withInsert = Buffer.concat([b.subarray(0, at), insert, b.subarray(at)])
      return Uint8Array.from(cut === undefined ? withInsert : withInsert.subarray(0, cut % (withInsert.length + 1)))
    })
}

const bytes = (sample: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.oneof(fc.uint8Array({ maxLength: 600 }), mutated(sample))

function neverThrows(name: string, sample: Uint8Array, parse: (b: Uint8Array) => unknown): void {
  it(`${name} never throws`, () => {
    fc.assert(
      fc.property(bytes(sample), (b) => {
        const r = parse(b)
        if (typeof r === 'object' && r !== null && 'ok' in r) expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 400 },
    )
  })
}

describe('reply parsers under random and mutated input', () => {
  neverThrows('parseDicomReply (AC)', SAMPLES.dicomAc, parseDicomReply)
  neverThrows('parseDicomReply (P-DATA)', SAMPLES.dicomEchoRsp, parseDicomReply)
  neverThrows('parseDicomReply (RJ)', SAMPLES.dicomRj, parseDicomReply)
  neverThrows('parseDicomReply (RQ as reply)', SAMPLES.dicomRq, parseDicomReply)
  neverThrows('isPduComplete', SAMPLES.dicomAc, isPduComplete)
  neverThrows('parseSmb1Negotiate', SAMPLES.smb1, parseSmb1Negotiate)
  neverThrows('parseSmb2Negotiate', SAMPLES.smb2, parseSmb2Negotiate)
  neverThrows('isFrameComplete', SAMPLES.smb1, isFrameComplete)
  neverThrows(
    'parseSmb2SessionSetupChallenge',
    Uint8Array.from(Buffer.concat([SAMPLES.smb2.subarray(0, 76), ntlmChallenge()])),
    parseSmb2SessionSetupChallenge,
  )
  neverThrows('parseConnectionConfirm', SAMPLES.rdp, parseConnectionConfirm)
  neverThrows('decodeGetResponse', SAMPLES.snmp, decodeGetResponse)
  neverThrows('parseRfbVersion', SAMPLES.vnc, parseRfbVersion)
  neverThrows('parseSecurityTypes 3.8', SAMPLES.vncTypes, (b) => parseSecurityTypes(b, 8))
  neverThrows('parseSecurityTypes 3.3', SAMPLES.vncTypes, (b) => parseSecurityTypes(b, 3))
  neverThrows('parseHl7Reply', SAMPLES.hl7, parseHl7Reply)
  neverThrows('isMllpFrameComplete', SAMPLES.hl7, isMllpFrameComplete)
  neverThrows('parseFtpReply', SAMPLES.ftp, parseFtpReply)
  neverThrows('isFtpReplyComplete', SAMPLES.ftp, isFtpReplyComplete)
  neverThrows('parseSshBanner', SAMPLES.ssh, parseSshBanner)
  neverThrows('parseHttpResponse', SAMPLES.http, (b) => {
    const r = parseHttpResponse(b)
    if (r.ok) {
      const t = pageTitle(r.value.body)
      isLoginPage(r.value.body, t)
    }
    return r
  })
  neverThrows('decodeTelnet', SAMPLES.telnet, (b) => {
    const d = decodeTelnet(b)
    findLoginPrompt(d.text)
    return d
  })

  it('analyzeCertificate never throws on mutated certificates', () => {
    const der = Uint8Array.from(makeSelfSigned('fuzz', 1024, 1).der)
    fc.assert(
      fc.property(bytes(der), (b) => {
        expect(typeof analyzeCertificate(b, new Date()).ok).toBe('boolean')
      }),
      { numRuns: 200 },
    )
  })

  it('rawCertificate narrows anything', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = rawCertificate(v)
        expect(r === null || r instanceof Uint8Array).toBe(true)
      }),
    )
  })

  it('valid samples still parse (the samples are real)', () => {
    expect(parseDicomReply(SAMPLES.dicomAc)).toMatchObject({ ok: true, value: { type: 'associate-ac' } })
    expect(parseDicomReply(SAMPLES.dicomEchoRsp)).toMatchObject({
      ok: true,
      value: { type: 'p-data', command: { status: 0, commandField: 0x8030 } },
    })
    expect(parseSmb1Negotiate(SAMPLES.smb1)).toMatchObject({
      ok: true,
      value: { kind: 'smb1', response: { dialect: 'NT LM 0.12' } },
    })
    expect(parseConnectionConfirm(SAMPLES.rdp)).toEqual({ ok: true, value: { kind: 'selected', protocol: 2 } })
    expect(parseHl7Reply(SAMPLES.hl7)).toMatchObject({ ok: true, value: { ackCode: 'AA' } })
  })
})
