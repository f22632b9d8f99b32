import type { SnmpCommunityFacts } from '../core/discovery/rules/facts.js'
import type { Probe } from './probe.js'
import { decodeGetResponse, encodeGetRequest } from './snmp-ber.js'
import { errorText, hex } from './wire.js'

const PORTS = [161] as const

/** SNMPv2-MIB system group (RFC 3418): sysDescr.0, sysObjectID.0, sysName.0. */
export const SYSTEM_OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysName: '1.3.6.1.2.1.1.5.0',
} as const

/** The well-known default communities; `private` is the usual default read-write community. */
export const DEFAULT_COMMUNITIES = ['public', 'private'] as const

/**
 * snmp-community: four SNMP GET requests (v1 and v2c, communities `public` and `private`) for three read-only
 * system objects. An agent answers only when the community is accepted; a wrong community gets silence.
 *
 * @example Sample output (facts)
 * ```
 * { accepted: [{ version: 'v1', community: 'public' }, { version: 'v2c', community: 'public' }],
 *   sysDescr: 'Linux lab-printer 6.1.0-18-amd64 #1 SMP x86_64', sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
 *   sysName: 'lab-printer' }
 * ```
 */
export const snmpCommunity = {
  id: 'snmp-community',
  protocol: 'snmp',
  transport: 'udp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Checks whether SNMP accepts the default communities public/private and reads the system description.',
  sends:
    'Up to four SNMP GET requests (v1 and v2c × public/private) for sysDescr.0, sysObjectID.0 and sysName.0. Never SET.',
  applies: (t) => t.transport === 'udp' && (t.service === 'snmp' || PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const accepted: SnmpCommunityFacts['accepted'] = []
    const values: { sysDescr: string | null; sysObjectID: string | null; sysName: string | null } = {
      sysDescr: null,
      sysObjectID: null,
      sysName: null,
    }
    const lines: string[] = []
    const problems: string[] = []
    let requestId = (Date.now() & 0x3fffffff) >>> 0
    for (const version of [0, 1] as const) {
      for (const community of DEFAULT_COMMUNITIES) {
        if (ctx.signal.aborted)
          return {
            kind: 'incomplete',
            facts: { accepted, ...values },
            evidence: lines.join('\n'),
            reason: 'scan stopped',
          }
        requestId = (requestId + 1) & 0x3fffffff
        const label = `${version === 0 ? 'v1' : 'v2c'}/${community}`
        const request = encodeGetRequest(version, community, requestId, Object.values(SYSTEM_OIDS))
        let reply: Uint8Array | null
        try {
          reply = await ctx.net.udpRequest(target.address, target.port, request, ctx.timeoutMs)
        } catch (error) {
          return { kind: 'unreachable', reason: errorText(error) }
        }
        if (reply === null) {
          lines.push(`# ${label}: no reply`)
          continue
        }
        const decoded = decodeGetResponse(reply)
        if (!decoded.ok) {
          problems.push(`${label}: ${decoded.reason}`)
          lines.push(`< ${label}: ${hex(reply)}`)
          continue
        }
        const r = decoded.value
        // A reply to someone else's request (or a spoofed one) does not prove the community.
        if (r.requestId !== requestId) {
          problems.push(`${label}: request-id ${r.requestId} does not match ${requestId}`)
          continue
        }
        accepted.push({ version: version === 0 ? 'v1' : 'v2c', community })
        for (const vb of r.varbinds) {
          const text = vb.value === null ? `(${vb.type})` : String(vb.value)
          lines.push(`< ${label}: ${vb.oid} = ${vb.type}: ${text}`)
          if (vb.value === null) continue
          if (vb.oid === SYSTEM_OIDS.sysDescr) values.sysDescr ??= String(vb.value)
          if (vb.oid === SYSTEM_OIDS.sysObjectID) values.sysObjectID ??= String(vb.value)
          if (vb.oid === SYSTEM_OIDS.sysName) values.sysName ??= String(vb.value)
        }
        if (r.errorStatus !== 0) lines.push(`< ${label}: error-status ${r.errorStatus} index ${r.errorIndex}`)
      }
    }
    const evidence = lines.join('\n')
    if (accepted.length === 0 && problems.length === 0) return { kind: 'absent', evidence: evidence || 'no reply' }
    if (problems.length > 0) {
      return { kind: 'incomplete', facts: { accepted, ...values }, evidence, reason: problems.join('; ') }
    }
    return { kind: 'observed', facts: { accepted, ...values }, evidence }
  },
} as const satisfies Probe<SnmpCommunityFacts>
