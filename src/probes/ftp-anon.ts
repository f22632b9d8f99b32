import type { FtpAnonFacts } from '../core/discovery/rules/facts.js'
import type { Probe, ProbeSocket } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import { cleanText, errorText, type Parsed, ParseError, parseSafely, Transcript } from './wire.js'

const PORTS = [21, 2121] as const
const MAX_REPLY = 8192

/** One FTP reply: the 3-digit code and its text lines (RFC 959 §4.2). */
export interface FtpReply {
  code: number
  lines: string[]
}

/**
 * Parses one FTP reply. RFC 959 §4.2: a single line is `ddd text`; a multi-line reply starts with `ddd-` and
 * ends with a line starting with the same code and a space.
 */
export function parseFtpReply(bytes: Uint8Array): Parsed<FtpReply> {
  return parseSafely(() => {
    const lines = cleanText(bytes, MAX_REPLY).split(/\r?\n/)
    const first = lines[0] ?? ''
    const m = /^(\d{3})([ -])/.exec(first)
    if (!m) throw new ParseError(`not an FTP reply line: ${JSON.stringify(first.slice(0, 80))}`)
    const code = Number(m[1])
    if (m[2] === ' ') return { code, lines: [first] }
    const end = lines.findIndex((l, i) => i > 0 && l.startsWith(`${m[1]} `))
    if (end < 0) throw new ParseError(`multi-line reply ${m[1]} has no final "${m[1]} " line`)
    return { code, lines: lines.slice(0, end + 1) }
  })
}

/** True once `buf` holds one complete reply (used to stop reading). */
export function isFtpReplyComplete(buf: Uint8Array): boolean {
  const text = Buffer.from(buf).toString('latin1')
  if (!text.includes('\n')) return false
  return parseFtpReply(buf).ok
}

async function exchange(
  socket: ProbeSocket,
  line: string | null,
  t: Transcript,
  timeoutMs: number,
): Promise<FtpReply | null> {
  if (line !== null) {
    t.sent(`${line}\r\n`)
    await socket.write(`${line}\r\n`)
  }
  const buf = await readUntilSafe(socket, isFtpReplyComplete, timeoutMs, MAX_REPLY)
  if (buf.length > 0) t.received(buf)
  const parsed = parseFtpReply(buf)
  return parsed.ok ? parsed.value : null
}

/**
 * ftp-anon: reads the FTP banner and tries one anonymous login (the same check as nmap's ftp-anon.nse).
 *
 * @example Sample output (facts)
 * ```
 * { banner: '220 (vsFTPd 3.0.3)', anonymous: 'allowed',
 *   loginReplies: ['331 Please specify the password.', '230 Login successful.'] }
 * ```
 */
export const ftpAnon = {
  id: 'ftp-anon',
  protocol: 'ftp',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Reads the FTP banner and checks whether anonymous login is allowed.',
  sends: 'USER anonymous, PASS mamori@ (only if asked for a password), then QUIT. No file is listed or transferred.',
  applies: (t) => t.transport === 'tcp' && (t.service === 'ftp' || PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const conn = await connectFor(target, ctx)
    if ('reason' in conn) return { kind: 'unreachable', reason: conn.reason }
    const { socket } = conn
    const t = new Transcript()
    const facts: Partial<FtpAnonFacts> = {}
    try {
      const banner = await exchange(socket, null, t, ctx.timeoutMs)
      if (!banner) return { kind: 'absent', evidence: t.toString() || 'no FTP reply' }
      facts.banner = banner.lines.join('\n')
      // 421: service not available, closing (too many users, or access denied by tcp wrappers). FTP is there
      // but we could not check the login.
      if (banner.code === 421)
        return { kind: 'incomplete', facts, evidence: t.toString(), reason: '421 service not available' }
      if (banner.code !== 220) {
        return { kind: 'incomplete', facts, evidence: t.toString(), reason: `unexpected banner code ${banner.code}` }
      }
      const replies: string[] = []
      const user = await exchange(socket, 'USER anonymous', t, ctx.timeoutMs)
      if (!user) return { kind: 'incomplete', facts, evidence: t.toString(), reason: 'no reply to USER' }
      replies.push(...user.lines)
      let anonymous: FtpAnonFacts['anonymous'] = 'unknown'
      if (user.code === 230)
        anonymous = 'allowed' // logged in without a password
      else if (user.code === 530)
        anonymous = 'refused' // not logged in: anonymous not permitted
      else if (user.code === 331) {
        // 331: user name okay, need password. Any address-like password is the anonymous convention (RFC 1635).
        const pass = await exchange(socket, 'PASS mamori@', t, ctx.timeoutMs)
        if (!pass)
          return {
            kind: 'incomplete',
            facts: { ...facts, loginReplies: replies },
            evidence: t.toString(),
            reason: 'no reply to PASS',
          }
        replies.push(...pass.lines)
        if (pass.code === 230 || pass.code === 202) anonymous = 'allowed'
        else if (pass.code === 530 || pass.code === 332) anonymous = 'refused' // 332: needs an account too
      } else if (user.code === 332) anonymous = 'refused'
      facts.anonymous = anonymous
      facts.loginReplies = replies
      await socket.write('QUIT\r\n').catch(() => undefined)
      t.sent('QUIT\r\n')
      if (anonymous === 'unknown') {
        return {
          kind: 'incomplete',
          facts,
          evidence: t.toString(),
          reason: `unexpected login reply ${replies.at(-1) ?? ''}`,
        }
      }
      return {
        kind: 'observed',
        facts: { banner: facts.banner, anonymous, loginReplies: replies },
        evidence: t.toString(),
      }
    } catch (error) {
      return { kind: 'incomplete', facts, evidence: t.toString(), reason: errorText(error) }
    } finally {
      socket.close()
    }
  },
} as const satisfies Probe<FtpAnonFacts>
