import type { SshBannerFacts } from '../core/discovery/rules/facts.js'
import type { Probe } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import { cleanText, hex, type Parsed, ParseError, parseSafely, toEvidence } from './wire.js'

const PORTS = [22, 2222] as const

/**
 * Parses the server's identification string. RFC 4253 §4.2: the server may send other lines first; the
 * identification line is `SSH-protoversion-softwareversion SP comments CR LF`, at most 255 characters.
 */
export function parseSshBanner(bytes: Uint8Array): Parsed<SshBannerFacts> {
  return parseSafely(() => {
    const text = cleanText(bytes, 8192)
    const line = text.split(/\r?\n/).find((l) => l.startsWith('SSH-'))
    if (line === undefined) throw new ParseError('no line starting with "SSH-" in the reply')
    const ident = line.slice(0, 255).trimEnd()
    const m = /^SSH-([^-\s]+)-(\S+)(?: (.*))?$/.exec(ident)
    if (!m) throw new ParseError(`malformed identification line: ${JSON.stringify(ident.slice(0, 80))}`)
    return { banner: ident, protoVersion: m[1]!, software: m[2]!, comments: m[3] ?? null }
  })
}

/**
 * ssh-banner: reads the SSH identification string. We send nothing; the server speaks first.
 *
 * @example Sample output (facts)
 * ```
 * { banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3', protoVersion: '2.0',
 *   software: 'OpenSSH_9.2p1', comments: 'Debian-2+deb12u3' }
 * ```
 */
export const sshBanner = {
  id: 'ssh-banner',
  protocol: 'ssh',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Reads the SSH identification string to report the server software and version.',
  sends: 'Nothing: it connects, reads the line the server sends first, and closes.',
  applies: (t) =>
    t.transport === 'tcp' &&
    (t.service === 'ssh' || PORTS.some((p) => p === t.port) || Boolean(t.banner?.startsWith('SSH-'))),
  async run(target, ctx) {
    if (target.banner?.startsWith('SSH-')) {
      const parsed = parseSshBanner(Buffer.from(target.banner, 'latin1'))
      if (parsed.ok) return { kind: 'observed', facts: parsed.value, evidence: toEvidence(target.banner) }
    }
    const conn = await connectFor(target, ctx)
    if ('reason' in conn) return { kind: 'unreachable', reason: conn.reason }
    try {
      const reply = await readUntilSafe(
        conn.socket,
        (b) => /SSH-[^\n]*\n/.test(b.toString('latin1')),
        ctx.timeoutMs,
        8192,
      )
      const evidence = toEvidence(reply)
      if (reply.length === 0) return { kind: 'absent', evidence: 'no bytes received' }
      const parsed = parseSshBanner(reply)
      if (parsed.ok) return { kind: 'observed', facts: parsed.value, evidence }
      // Something that starts like SSH but does not parse is kept as an incomplete result with the raw bytes.
      if (reply.includes('SSH-')) return { kind: 'incomplete', facts: {}, evidence: hex(reply), reason: parsed.reason }
      return { kind: 'absent', evidence: `${parsed.reason}; received: ${evidence}` }
    } finally {
      conn.socket.close()
    }
  },
} as const satisfies Probe<SshBannerFacts>
