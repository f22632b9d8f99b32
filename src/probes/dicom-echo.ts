import type { DicomEchoFacts } from '../core/discovery/rules/facts.js'
import {
  encodeAbort,
  encodeAssociateRq,
  encodeEchoRq,
  encodeReleaseRq,
  isPduComplete,
  MAX_PDU_READ,
  parseDicomReply,
} from './dicom-pdu.js'
import type { Probe, ProbeSocket } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import { errorText, Transcript } from './wire.js'

/** Well-known DICOM ports: 104 (IANA), 11112 (IANA dicom-iscl alternative), 2761/2762 (DICOM TLS), 4242 (Orthanc). */
const PORTS = [104, 11112, 2761, 2762, 4242] as const

/** The called AE title we make up: a correctly configured SCP only accepts its own AE title. */
export const ARBITRARY_CALLED_AE = 'MAMORI-ANY'
export const CALLING_AE = 'MAMORI'

async function exchange(socket: ProbeSocket, data: Uint8Array, tr: Transcript, timeoutMs: number): Promise<Buffer> {
  tr.sent(data, true)
  await socket.write(data)
  const reply = await readUntilSafe(socket, isPduComplete, timeoutMs, MAX_PDU_READ + 6)
  if (reply.length > 0) tr.received(reply, true)
  return reply
}

/**
 * dicom-echo: one association request for the Verification SOP class with a made-up called AE title. If it is
 * accepted, one C-ECHO and a release; nothing is stored or queried (compare nmap's dicom-ping.nse).
 *
 * @example Sample output (facts)
 * ```
 * { calledAeTitle: 'MAMORI-ANY', callingAeTitle: 'MAMORI', association: 'accepted', acceptsAnyAet: true,
 *   reject: null, presentationResult: 0, implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
 *   implementationVersionName: 'OFFIS_DCMTK_367', maxPduLength: 16384, echoStatus: 0, released: true }
 * ```
 */
export const dicomEcho = {
  id: 'dicom-echo',
  protocol: 'dicom',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Checks whether a DICOM service accepts any called AE title, and reads its implementation UID and version.',
  sends:
    'One A-ASSOCIATE-RQ for Verification (called AE "MAMORI-ANY"); if accepted, one C-ECHO-RQ and an A-RELEASE-RQ. No C-STORE, no C-FIND.',
  applies: (t) => t.transport === 'tcp' && (t.service === 'dicom' || PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const conn = await connectFor(target, ctx)
    if ('reason' in conn) return { kind: 'unreachable', reason: conn.reason }
    const { socket } = conn
    const tr = new Transcript()
    const facts: DicomEchoFacts = {
      calledAeTitle: ARBITRARY_CALLED_AE,
      callingAeTitle: CALLING_AE,
      association: 'no-reply',
      acceptsAnyAet: false,
      reject: null,
      presentationResult: null,
      implementationClassUid: null,
      implementationVersionName: null,
      maxPduLength: null,
      echoStatus: null,
      released: false,
    }
    const partial = (reason: string) => ({ kind: 'incomplete' as const, facts, evidence: tr.toString(), reason })
    try {
      const reply = await exchange(socket, encodeAssociateRq(ARBITRARY_CALLED_AE, CALLING_AE), tr, ctx.timeoutMs)
      if (reply.length === 0) return { kind: 'absent', evidence: `${tr.toString()}\n# no reply to A-ASSOCIATE-RQ` }
      const parsed = parseDicomReply(reply)
      if (!parsed.ok) {
        // Only call it DICOM when the first byte is a valid PDU type; otherwise another protocol answered.
        return reply[0]! >= 1 && reply[0]! <= 7 ? partial(parsed.reason) : { kind: 'absent', evidence: tr.toString() }
      }
      const r = parsed.value
      if (r.type === 'associate-rj') {
        facts.association = 'rejected'
        facts.reject = r.rj
        tr.note(`A-ASSOCIATE-RJ: ${r.rj.text}`)
        return { kind: 'observed', facts, evidence: tr.toString() }
      }
      if (r.type === 'abort') {
        facts.association = 'aborted'
        tr.note(`A-ABORT source ${r.source} reason ${r.reason}`)
        return { kind: 'observed', facts, evidence: tr.toString() }
      }
      if (r.type !== 'associate-ac') return partial(`unexpected ${r.type} in reply to A-ASSOCIATE-RQ`)
      facts.association = 'accepted'
      facts.acceptsAnyAet = true
      facts.implementationClassUid = r.ac.implementationClassUid
      facts.implementationVersionName = r.ac.implementationVersionName
      facts.maxPduLength = r.ac.maxPduLength
      const pc = r.ac.presentationContexts.find((p) => p.id === 1) ?? r.ac.presentationContexts[0]
      facts.presentationResult = pc?.result ?? null
      tr.note(
        `A-ASSOCIATE-AC: implementation ${facts.implementationClassUid ?? '?'} ${facts.implementationVersionName ?? ''}`,
      )
      if (pc && pc.result === 0) {
        // PS3.7 §9.1.5: C-ECHO verifies application-level communication; it has no side effect.
        const echo = await exchange(socket, encodeEchoRq(pc.id, 1), tr, ctx.timeoutMs)
        const e = parseDicomReply(echo)
        if (!e.ok) return partial(`C-ECHO reply: ${e.reason}`)
        if (e.value.type === 'p-data') facts.echoStatus = e.value.command.status
        else return partial(`unexpected ${e.value.type} in reply to C-ECHO-RQ`)
      }
      const release = await exchange(socket, encodeReleaseRq(), tr, ctx.timeoutMs)
      const rel = parseDicomReply(release)
      facts.released = rel.ok && rel.value.type === 'release-rp'
      if (!facts.released) await socket.write(encodeAbort()).catch(() => undefined)
      return { kind: 'observed', facts, evidence: tr.toString() }
    } catch (error) {
      return partial(errorText(error))
    } finally {
      socket.close()
    }
  },
} as const satisfies Probe<DicomEchoFacts>
