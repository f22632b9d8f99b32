import { createSocket } from 'node:dgram'
import { connect, isIPv6 } from 'node:net'

/**
 * Readiness checks for the lab, run inside the scanner namespace (never from the root namespace, which has no
 * route to the lab). TCP: a completed connect() means open. UDP (SNMP only in the lab): any reply to an SNMP
 * GET for sysDescr.0 with community "public" means open.
 */
export interface PortTarget {
  address: string
  port: number
  transport: 'tcp' | 'udp'
}

export interface PortCheckResult extends PortTarget {
  open: boolean
  /** Last error seen (ECONNREFUSED, timeout…) when not open. */
  error: string | null
}

/**
 * SNMPv2c GetRequest, community "public", request-id 1, varbind sysDescr.0 (1.3.6.1.2.1.1.1.0) = NULL.
 * BER layout per RFC 3416 §3 / RFC 1157 §4: SEQUENCE { version INTEGER 1, community OCTET STRING,
 * GetRequest-PDU [0] { request-id, error-status 0, error-index 0, VarBindList } }.
 */
export const SNMP_GET_SYSDESCR = Uint8Array.from([
  0x30, 0x29, 0x02, 0x01, 0x01, 0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63, 0xa0, 0x1c, 0x02, 0x04, 0x00, 0x00,
  0x00, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01,
  0x01, 0x01, 0x00, 0x05, 0x00,
])

/** One attempt at one port. Resolves (never rejects) with the outcome. */
export function checkPort(t: PortTarget, timeoutMs: number): Promise<PortCheckResult> {
  return t.transport === 'tcp' ? checkTcp(t, timeoutMs) : checkSnmp(t, timeoutMs)
}

function checkTcp(t: PortTarget, timeoutMs: number): Promise<PortCheckResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: t.address, port: t.port })
    const done = (open: boolean, error: string | null) => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ ...t, open, error })
    }
    const timer = setTimeout(() => done(false, 'timeout'), timeoutMs)
    socket.once('connect', () => done(true, null))
    socket.once('error', (err: NodeJS.ErrnoException) => done(false, err.code ?? err.message))
  })
}

function checkSnmp(t: PortTarget, timeoutMs: number): Promise<PortCheckResult> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(t.address) ? 'udp6' : 'udp4')
    const done = (open: boolean, error: string | null) => {
      clearTimeout(timer)
      socket.close()
      resolve({ ...t, open, error })
    }
    const timer = setTimeout(() => done(false, 'timeout'), timeoutMs)
    socket.once('message', () => done(true, null))
    // An ICMP port unreachable surfaces as ECONNREFUSED on a connected UDP socket.
    socket.once('error', (err: NodeJS.ErrnoException) => done(false, err.code ?? err.message))
    socket.connect(t.port, t.address, () => socket.send(SNMP_GET_SYSDESCR))
  })
}

/**
 * Polls every target until it is open or `deadlineMs` passes; returns the final state of each. Targets are
 * polled concurrently, each at most once per `intervalMs`.
 */
export async function waitForPorts(
  targets: readonly PortTarget[],
  opts: { deadlineMs: number; attemptTimeoutMs?: number; intervalMs?: number },
): Promise<PortCheckResult[]> {
  const attempt = opts.attemptTimeoutMs ?? 500
  const interval = opts.intervalMs ?? 100
  const until = Date.now() + opts.deadlineMs
  return Promise.all(
    targets.map(async (t) => {
      for (;;) {
        const r = await checkPort(t, Math.max(50, Math.min(attempt, until - Date.now())))
        if (r.open || Date.now() + interval >= until) return r
        await new Promise((res) => setTimeout(res, interval))
      }
    }),
  )
}
