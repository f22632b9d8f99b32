import type { TelnetBannerFacts } from '../core/discovery/rules/facts.js'
import type { Probe } from './probe.js'
import { connectFor, readSome } from './session.js'
import { errorText, Transcript } from './wire.js'

const PORTS = [23, 2323] as const

// RFC 854 command codes.
const IAC = 255
const DONT = 254
const DO = 253
const WONT = 252
const WILL = 251
const SB = 250
const SE = 240

const OPTION_NAMES: Record<number, string> = {
  0: 'BINARY',
  1: 'ECHO',
  3: 'SUPPRESS-GO-AHEAD',
  5: 'STATUS',
  6: 'TIMING-MARK',
  24: 'TERMINAL-TYPE',
  31: 'NAWS',
  32: 'TERMINAL-SPEED',
  33: 'TOGGLE-FLOW-CONTROL',
  34: 'LINEMODE',
  35: 'X-DISPLAY-LOCATION',
  36: 'OLD-ENVIRON',
  37: 'AUTHENTICATION',
  38: 'ENCRYPT',
  39: 'NEW-ENVIRON',
}

/** Result of splitting telnet bytes into printable text and option negotiation. */
export interface TelnetDecoded {
  text: string
  /** Our refusals to send back: WONT for each DO, DONT for each WILL (RFC 854, RFC 855 §2). */
  replies: Uint8Array
  /** What the server asked for, e.g. 'DO TERMINAL-TYPE'. */
  options: string[]
}

/**
 * Separates IAC commands from text. Never throws: a truncated command at the end is dropped. Refusing every
 * option is always legal (RFC 855: "either party may refuse") and makes servers fall back to a plain prompt.
 */
export function decodeTelnet(bytes: Uint8Array): TelnetDecoded {
  let text = ''
  const replies: number[] = []
  const options: string[] = []
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b !== IAC) {
      if (b === 9 || b === 10 || b === 13 || (b >= 0x20 && b !== 0x7f)) text += String.fromCharCode(b)
      i += 1
      continue
    }
    const cmd = bytes[i + 1]
    if (cmd === undefined) break
    if (cmd === IAC) {
      text += '\xff'
      i += 2
    } else if (cmd === DO || cmd === DONT || cmd === WILL || cmd === WONT) {
      const opt = bytes[i + 2]
      if (opt === undefined) break
      const name = OPTION_NAMES[opt] ?? String(opt)
      const verb = cmd === DO ? 'DO' : cmd === DONT ? 'DONT' : cmd === WILL ? 'WILL' : 'WONT'
      options.push(`${verb} ${name}`)
      if (cmd === DO) replies.push(IAC, WONT, opt)
      else if (cmd === WILL) replies.push(IAC, DONT, opt)
      i += 3
    } else if (cmd === SB) {
      // Subnegotiation runs until IAC SE; skip it (we agreed to nothing, so it should not come).
      let j = i + 2
      while (j < bytes.length - 1 && !(bytes[j] === IAC && bytes[j + 1] === SE)) j += 1
      i = j + 2
    } else {
      i += 2 // NOP, GA, AYT … carry no text
    }
  }
  return { text, replies: Uint8Array.from(replies), options }
}

const PROMPT = /(login|user ?name|user|password|パスワード|ユーザ)[^\n:]{0,20}:\s*$|[>#$%]\s*$/i

/** The last line of `text` when it looks like a login/command prompt. */
export function findLoginPrompt(text: string): string | null {
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '')
  const last = lines.at(-1)
  return last !== undefined && PROMPT.test(last) ? last.trim() : null
}

/**
 * telnet-banner: connects, refuses every telnet option (WONT/DONT) and reads the banner and login prompt.
 *
 * @example Sample output (facts)
 * ```
 * { banner: 'Debian GNU/Linux 12\nlab-monitor login: ', loginPrompt: 'lab-monitor login:',
 *   negotiation: ['DO TERMINAL-TYPE', 'DO TERMINAL-SPEED', 'WILL ECHO'] }
 * ```
 */
export const telnetBanner = {
  id: 'telnet-banner',
  protocol: 'telnet',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Reads the Telnet banner and login prompt (a cleartext remote login).',
  sends: 'Only refusals of telnet options (IAC WONT / IAC DONT). No user name or password is typed.',
  applies: (t) => t.transport === 'tcp' && (t.service === 'telnet' || PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const conn = await connectFor(target, ctx)
    if ('reason' in conn) return { kind: 'unreachable', reason: conn.reason }
    const { socket } = conn
    const tr = new Transcript()
    let text = ''
    const negotiation: string[] = []
    try {
      // A few rounds: servers negotiate first and print the prompt only after our answers.
      for (let round = 0; round < 6 && text.length < 8192; round++) {
        const chunk = await readSome(socket, ctx.timeoutMs, 8192)
        if (chunk.length === 0) break
        tr.received(chunk)
        const decoded = decodeTelnet(chunk)
        text += decoded.text
        negotiation.push(...decoded.options)
        if (decoded.replies.length > 0) {
          tr.sent(decoded.replies, true)
          await socket.write(decoded.replies)
        }
        if (findLoginPrompt(text)) break
      }
    } catch (error) {
      if (text === '' && negotiation.length === 0) return { kind: 'unreachable', reason: errorText(error) }
      return {
        kind: 'incomplete',
        facts: { banner: text, negotiation },
        evidence: tr.toString(),
        reason: errorText(error),
      }
    } finally {
      socket.close()
    }
    if (text === '' && negotiation.length === 0) return { kind: 'absent', evidence: 'no bytes received' }
    return {
      kind: 'observed',
      // Line ends normalised for display (telnetd sends CR CR LF); the evidence keeps the exact bytes.
      facts: {
        banner: text.replace(/\r*\n|\r(?!\n)/g, '\n').slice(0, 4096),
        loginPrompt: findLoginPrompt(text),
        negotiation,
      },
      evidence: tr.toString(),
    }
  },
} as const satisfies Probe<TelnetBannerFacts>
