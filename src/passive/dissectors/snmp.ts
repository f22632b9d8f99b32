import { createHash } from 'node:crypto'
import type { DatagramDissector, NameEvent, SnmpEvent } from '../contract.js'
import { int, oid, tlv } from './ber.js'
import { printable } from './bytes.js'

/**
 * SNMP v1/v2c/v3 messages (RFC 1157, 3416, 3412) over UDP, recognised by their BER shape: version, PDU type, the
 * community class — 'public' and 'private' (the well-known defaults) in clear, any other only as a short hash — and
 * sysDescr.0 / sysName.0 from responses.
 */
const PDUS: Record<number, SnmpEvent['pdu']> = {
  160: 'get',
  161: 'getnext',
  162: 'response',
  163: 'set',
  164: 'trap',
  165: 'getbulk',
  166: 'inform',
  167: 'trap',
  168: 'report',
}
const SYS_DESCR = '1.3.6.1.2.1.1.1.0'
const SYS_NAME = '1.3.6.1.2.1.1.5.0'

function header(b: Uint8Array) {
  const msg = tlv(b, 0)
  if (msg?.tag !== 0x30) return null
  const ver = tlv(b, msg.start, msg.end)
  if (ver?.tag !== 0x02 || ver.end - ver.start !== 1) return null
  const v = int(b, ver)
  if (v !== 0 && v !== 1 && v !== 3) return null
  return { msg, ver, v }
}

export const snmpDissector: DatagramDissector = {
  protocol: 'snmp',
  detect: (payload, p) =>
    (p.srcPort === 161 || p.dstPort === 161 || p.srcPort === 162 || p.dstPort === 162 || payload[0] === 0x30) &&
    header(payload) !== null,
  parse(b, p, emit) {
    const h = header(b)
    if (!h) return
    const flow = {
      transport: 'udp' as const,
      client: p.src,
      clientPort: p.srcPort,
      server: p.dst,
      serverPort: p.dstPort,
    }
    const base = { at: { packet: p.number, timeUs: p.timeUs }, flow, mac: p.srcMac }
    if (h.v === 3) {
      emit({
        kind: 'snmp',
        ...base,
        version: 'v3',
        pdu: 'other',
        community: null,
        communityHash: null,
        sysDescr: null,
        sysName: null,
      })
      return
    }
    const comm = tlv(b, h.ver.end, h.msg.end)
    if (comm?.tag !== 0x04) return
    const c = b.subarray(comm.start, comm.end)
    const clear = String.fromCharCode(...c.subarray(0, 16))
    const community = clear === 'public' ? 'public' : clear === 'private' ? 'private' : 'other'
    const pduTlv = tlv(b, comm.end, h.msg.end)
    const pdu = pduTlv ? (PDUS[pduTlv.tag] ?? 'other') : 'other'
    let sysDescr: string | null = null
    let sysName: string | null = null
    if (pduTlv && pdu === 'response') {
      // request-id, error-status, error-index, then the varbind list.
      let q = pduTlv.start
      for (let i = 0; i < 3; i++) q = tlv(b, q, pduTlv.end)?.end ?? pduTlv.end
      const list = tlv(b, q, pduTlv.end)
      if (list && list.tag === 0x30) {
        let vb = list.start
        for (let n = 0; n < 32 && vb < list.end; n++) {
          const pair = tlv(b, vb, list.end)
          if (!pair) break
          const name = tlv(b, pair.start, pair.end)
          const value = name ? tlv(b, name.end, pair.end) : null
          if (name && value && value.tag === 0x04) {
            const o = oid(b, name)
            const v = printable(b.subarray(value.start, value.end))
            if (o === SYS_DESCR) sysDescr = v || null
            if (o === SYS_NAME) sysName = v || null
          }
          vb = pair.end
        }
      }
    }
    emit({
      kind: 'snmp',
      ...base,
      version: h.v === 0 ? 'v1' : 'v2c',
      pdu,
      community,
      communityHash: community === 'other' ? createHash('sha256').update(c).digest('hex').slice(0, 12) : null,
      sysDescr,
      sysName,
    } satisfies SnmpEvent)
    if (sysName)
      emit({
        kind: 'name',
        source: 'snmp',
        name: sysName,
        address: p.src,
        mac: p.srcMac,
        at: base.at,
        flow,
      } satisfies NameEvent)
  },
}
