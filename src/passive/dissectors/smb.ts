import type { Direction, Emit, NameEvent, SmbNegotiateEvent, StreamDissector } from '../contract.js'
import { ByteQueue, printable, u16le, u24be } from './bytes.js'
import { findNtlm } from './ntlmssp.js'

/**
 * SMB over NetBIOS session service or direct TCP (MS-SMB, MS-SMB2): the dialects a client offers and the one the
 * server chooses (SMB1 in use), the signing requirement, and the names and user in the NTLMSSP exchange of the
 * session setup. Stops after the first session setup exchange; file contents are never read.
 */
const MAX_MESSAGE = 64 * 1024
const MAX_MESSAGES = 12

const SMB2_DIALECTS: Record<number, string> = {
  514: '2.0.2',
  528: '2.1',
  768: '3.0',
  770: '3.0.2',
  785: '3.1.1',
  767: '2.???',
}

const isSmb1 = (b: Uint8Array, o: number) =>
  b[o] === 0xff && b[o + 1] === 0x53 && b[o + 2] === 0x4d && b[o + 3] === 0x42
const isSmb2 = (b: Uint8Array, o: number) =>
  b[o] === 0xfe && b[o + 1] === 0x53 && b[o + 2] === 0x4d && b[o + 3] === 0x42

export const smbDissector: StreamDissector = {
  protocol: 'smb',
  // A session message (type 0) holding an SMB1/SMB2 header, or a NetBIOS session request (0x81) on 139.
  detect: (first, _dir, flow) =>
    (first[0] === 0x00 && first.length >= 8 && (isSmb1(first, 4) || isSmb2(first, 4))) ||
    (first[0] === 0x81 && flow.serverPort === 139),
  open(flow, emit: Emit, mac) {
    const queues = { client: new ByteQueue(MAX_MESSAGE + 4), server: new ByteQueue(MAX_MESSAGE + 4) }
    let offered: string[] = []
    let messages = 0
    let setups = 0
    return {
      data(dir: Direction, bytes, at) {
        const q = queues[dir]
        if (!q.append(bytes)) return 'done'
        while (q.length >= 4) {
          const len = u24be(q.bytes, 1) & 0x1ffff
          if (len > MAX_MESSAGE) return 'done'
          if (q.length < 4 + len) return 'more'
          const type = q.bytes[0]
          const msg = q.take(4 + len).subarray(4)
          if (type !== 0x00) continue // session request/response, keep-alive
          if (++messages > MAX_MESSAGES) return 'done'
          const base = { at: { ...at }, flow, mac: dir === 'client' ? mac.client : mac.server }
          if (isSmb1(msg, 0) && msg.length >= 33) {
            const command = msg[4]
            const reply = ((msg[9] ?? 0) & 0x80) !== 0
            if (command === 0x72 && !reply) {
              // WordCount 0, ByteCount, then 0x02 "dialect\0" …
              const out: string[] = []
              let p = 35
              while (p < msg.length && out.length < 32) {
                if (msg[p] !== 0x02) break
                const z = msg.indexOf(0, p + 1)
                if (z < 0) break
                out.push(printable(msg.subarray(p + 1, z), 32))
                p = z + 1
              }
              offered = out
              emit({
                kind: 'smb-negotiate',
                ...base,
                side: 'request',
                dialects: out,
                chosen: null,
                smb1: true,
                signingRequired: null,
              } satisfies SmbNegotiateEvent)
            } else if (command === 0x72 && reply) {
              const index = u16le(msg, 33)
              const chosen = index === 0xffff ? null : (offered[index] ?? `dialect #${index}`)
              emit({
                kind: 'smb-negotiate',
                ...base,
                side: 'response',
                dialects: offered,
                chosen,
                smb1: chosen !== null,
                signingRequired: (msg[33 + 2] ?? 0) & 0x08 ? true : null,
              } satisfies SmbNegotiateEvent)
            } else if (command === 0x73) {
              const ntlm = findNtlm(msg, base)
              if (ntlm) {
                emit(ntlm)
                nameEvents(ntlm, base.at, flow, dir, mac, emit)
              }
              if (reply && ++setups >= 2) return 'done'
            }
          } else if (isSmb2(msg, 0) && msg.length >= 64) {
            const command = u16le(msg, 12)
            const reply = ((msg[16] ?? 0) & 1) !== 0
            const body = 64
            if (command === 0 && !reply) {
              const count = Math.min(u16le(msg, body + 2), 32)
              const dialects: string[] = []
              for (let i = 0; i < count; i++) {
                const d = u16le(msg, body + 36 + i * 2)
                dialects.push(SMB2_DIALECTS[d] ?? `0x${d.toString(16)}`)
              }
              emit({
                kind: 'smb-negotiate',
                ...base,
                side: 'request',
                dialects,
                chosen: null,
                smb1: false,
                signingRequired: null,
              } satisfies SmbNegotiateEvent)
            } else if (command === 0 && reply) {
              const d = u16le(msg, body + 4)
              emit({
                kind: 'smb-negotiate',
                ...base,
                side: 'response',
                dialects: [],
                chosen: SMB2_DIALECTS[d] ?? `0x${d.toString(16)}`,
                smb1: false,
                signingRequired: (u16le(msg, body + 2) & 0x2) !== 0,
              } satisfies SmbNegotiateEvent)
            } else if (command === 1) {
              const ntlm = findNtlm(msg, base)
              if (ntlm) {
                emit(ntlm)
                nameEvents(ntlm, base.at, flow, dir, mac, emit)
              }
              if (reply && ++setups >= 2) return 'done'
            }
          }
        }
        return 'more'
      },
      end() {},
    }
  },
}

/** Computer names from NTLM, bound to the address of the side that said them. */
function nameEvents(
  ntlm: ReturnType<typeof findNtlm> & object,
  at: { packet: number; timeUs: number },
  flow: Parameters<StreamDissector['open']>[0],
  dir: Direction,
  mac: { client: string | null; server: string | null },
  emit: Emit,
): void {
  const address = dir === 'client' ? flow.client : flow.server
  const m = dir === 'client' ? mac.client : mac.server
  const names = ntlm.message === 'challenge' ? [ntlm.netbiosComputer, ntlm.dnsComputer] : [ntlm.workstation]
  for (const name of names) {
    if (!name) continue
    emit({ kind: 'name', source: 'ntlm', name, address, mac: m, at, flow } satisfies NameEvent)
  }
}
