import { randomBytes } from 'node:crypto'
import type { SmbNegotiateFacts } from '../core/discovery/rules/facts.js'
import type { Probe, ProbeContext, ServiceTarget } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import {
  encodeNtlmNegotiate,
  encodeSessionRequest,
  encodeSmb1Negotiate,
  encodeSmb2Negotiate,
  encodeSmb2SessionSetup,
  isFrameComplete,
  osFromNtlmVersion,
  parseSmb1Negotiate,
  parseSmb2Negotiate,
  parseSmb2SessionSetupChallenge,
  smb2DialectName,
} from './smb-codec.js'
import { errorText, Transcript } from './wire.js'

const PORTS = [445, 139] as const

/**
 * One connection: optional NetBIOS session request (port 139), one NEGOTIATE, read one reply; then, if
 * `followUp` returns a message for that reply, send it and read its reply too.
 */
async function negotiateOnce(
  target: ServiceTarget,
  ctx: ProbeContext,
  request: Uint8Array,
  tr: Transcript,
  followUp?: (reply: Buffer) => Uint8Array | null,
): Promise<{ reply: Buffer; followReply: Buffer | null } | { reason: string; unreachable: boolean }> {
  const conn = await connectFor(target, ctx)
  if ('reason' in conn) return { reason: conn.reason, unreachable: true }
  const { socket } = conn
  try {
    if (target.port === 139) {
      const sr = encodeSessionRequest()
      tr.sent(sr, true)
      await socket.write(sr)
      const ans = await readUntilSafe(socket, (b) => b.length >= 4, ctx.timeoutMs, 64)
      tr.received(ans, true)
      // 0x82 POSITIVE SESSION RESPONSE (RFC 1002 §4.3.3); anything else ends the attempt.
      if (ans[0] !== 0x82) return { reason: 'NetBIOS session request was not accepted', unreachable: false }
    }
    tr.sent(request, true)
    await socket.write(request)
    const reply = await readUntilSafe(socket, isFrameComplete, ctx.timeoutMs, 65_536)
    if (reply.length > 0) tr.received(reply, true)
    const next = reply.length > 0 && followUp ? followUp(reply) : null
    if (next === null) return { reply, followReply: null }
    tr.sent(next, true)
    await socket.write(next)
    const followReply = await readUntilSafe(socket, isFrameComplete, ctx.timeoutMs, 65_536)
    if (followReply.length > 0) tr.received(followReply, true)
    return { reply, followReply }
  } catch (error) {
    return { reason: errorText(error), unreachable: false }
  } finally {
    socket.close()
  }
}

/**
 * smb-negotiate: two NEGOTIATE exchanges on two connections. The first offers only SMB1 dialects, so a server
 * that still accepts SMB1 (CIFS, "NT LM 0.12") must choose one; offering SMB2 strings there would let a
 * dual-stack server pick SMB2 and hide SMB1 (nmap's smb-protocols.nse also negotiates dialects one by one).
 * The second offers SMB 2.0.2–3.1.1 and reports the highest dialect, the server GUID and signing, then reads the
 * server's names and OS version from the NTLM challenge of an unauthenticated SESSION_SETUP.
 *
 * @example Sample output (facts)
 * ```
 * { smbv1: true, smb1Dialect: 'NT LM 0.12', smb2Supported: true, smb2Dialect: '3.1.1',
 *   serverGuid: '6c61622d-6669-6c65-7300-000000000000', signingRequired: false,
 *   domain: 'HOSPITAL', serverName: 'LAB-FILES', os: 'Windows 7 / Server 2008 R2 (build 7601)' }
 * ```
 */
export const smbNegotiate = {
  id: 'smb-negotiate',
  protocol: 'smb',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Checks whether file sharing (SMB) still accepts SMBv1 and reports the newest SMB version offered.',
  sends:
    'Two SMB NEGOTIATE requests on two connections (SMB1 dialects only, then SMB 2.0.2–3.1.1); no logon, no share access.',
  applies: (t) =>
    t.transport === 'tcp' &&
    (t.service === 'smb' ||
      t.service === 'microsoft-ds' ||
      t.service === 'netbios-ssn' ||
      PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const tr = new Transcript()
    const facts: SmbNegotiateFacts = {
      smbv1: false,
      smb1Dialect: null,
      smb2Dialect: null,
      smb2Supported: false,
      serverGuid: null,
      signingRequired: null,
      domain: null,
      serverName: null,
      os: null,
    }
    const problems: string[] = []
    let sawSmb = false

    tr.note('SMB1 NEGOTIATE (SMB1 dialects only)')
    const first = await negotiateOnce(target, ctx, encodeSmb1Negotiate(), tr)
    if ('reason' in first) {
      if (first.unreachable) return { kind: 'unreachable', reason: first.reason }
      problems.push(`SMB1: ${first.reason}`)
    } else if (first.reply.length === 0) {
      // Servers with SMB1 disabled usually just close the connection (Samba, Windows since 1709).
      tr.note('SMB1: connection closed without a reply (SMB1 refused)')
    } else {
      const p = parseSmb1Negotiate(first.reply)
      if (!p.ok) problems.push(`SMB1 reply: ${p.reason}`)
      else if (p.value.kind === 'smb2-instead') {
        sawSmb = true
        tr.note('SMB1: answered with SMB2 (SMB1 refused)')
      } else {
        sawSmb = true
        const r = p.value.response
        if (r.dialect !== null && r.status === 0) {
          facts.smbv1 = true
          facts.smb1Dialect = r.dialect
          facts.domain = r.domain
          facts.serverName = r.serverName
          facts.serverGuid = r.serverGuid
        } else tr.note(`SMB1: no dialect accepted (status 0x${r.status.toString(16)})`)
      }
    }

    tr.note('SMB2 NEGOTIATE (2.0.2–3.1.1), then SESSION_SETUP with an NTLMSSP NEGOTIATE (no credentials)')
    // After a successful SMB2 NEGOTIATE, one SESSION_SETUP carrying an NTLM NEGOTIATE_MESSAGE makes the server
    // send its CHALLENGE_MESSAGE with its names and version (what nmap's smb-os-discovery reads). We close
    // before authenticating.
    const sessionSetup = (reply: Buffer): Uint8Array | null => {
      const p = parseSmb2Negotiate(reply)
      return p.ok && p.value.status === 0 ? encodeSmb2SessionSetup(encodeNtlmNegotiate()) : null
    }
    const second = await negotiateOnce(
      target,
      ctx,
      encodeSmb2Negotiate(randomBytes(16), randomBytes(32)),
      tr,
      sessionSetup,
    )
    if ('reason' in second) problems.push(`SMB2: ${second.reason}`)
    else if (second.reply.length === 0) tr.note('SMB2: connection closed without a reply')
    else {
      const p = parseSmb2Negotiate(second.reply)
      if (!p.ok) problems.push(`SMB2 reply: ${p.reason}`)
      else {
        sawSmb = true
        if (p.value.status === 0 && p.value.dialect !== null) {
          facts.smb2Supported = true
          facts.smb2Dialect = smb2DialectName(p.value.dialect)
          facts.signingRequired = p.value.signingRequired
          facts.serverGuid = p.value.serverGuid ?? facts.serverGuid
          if (second.followReply && second.followReply.length > 0) {
            const ntlm = parseSmb2SessionSetupChallenge(second.followReply)
            if (ntlm.ok) {
              // SMB1's answer names the workgroup; NTLM's names the account domain (a standalone server's own
              // name). Keep the SMB1 values when we have them.
              facts.serverName ??= ntlm.value.netbiosComputer ?? ntlm.value.dnsComputer
              facts.domain ??= ntlm.value.netbiosDomain ?? ntlm.value.dnsDomain
              facts.os = osFromNtlmVersion(ntlm.value.version)
            } else tr.note(`SESSION_SETUP: ${ntlm.reason}`)
          }
        } else tr.note(`SMB2: status 0x${p.value.status.toString(16)}`)
      }
    }
    if (!sawSmb && problems.length === 0) return { kind: 'absent', evidence: tr.toString() }
    if (problems.length > 0) return { kind: 'incomplete', facts, evidence: tr.toString(), reason: problems.join('; ') }
    return { kind: 'observed', facts, evidence: tr.toString() }
  },
} as const satisfies Probe<SmbNegotiateFacts>
