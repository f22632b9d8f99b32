/**
 * A small, independent client the lab tests run INSIDE the scanner namespace:
 *   ip netns exec <scanner> node --import tsx test/lab/lab-client.ts '<json Check[]>'
 * It deliberately does not reuse src/lab/port-check.ts, so the lab is verified by a second implementation.
 * Prints one JSON array of results (same order as the checks).
 */
import { connect } from 'node:net'

export type Check =
  | { kind: 'tcp'; address: string; port: number }
  | { kind: 'banner'; address: string; port: number; send?: string; untilSuffix?: string; waitMs?: number }
  | { kind: 'ftp-anon'; address: string }
  | { kind: 'telnet'; address: string }

export type CheckResult = { ok: boolean; text: string }

function tcp(address: string, port: number): Promise<CheckResult> {
  return new Promise((resolve) => {
    const s = connect({ host: address, port })
    const t = setTimeout(() => finish(false, 'timeout'), 2000)
    function finish(ok: boolean, text: string) {
      clearTimeout(t)
      s.destroy()
      resolve({ ok, text })
    }
    s.once('connect', () => finish(true, 'connected'))
    s.once('error', (e: NodeJS.ErrnoException) => finish(false, e.code ?? e.message))
  })
}

/**
 * Connects, optionally sends `send`, and collects what arrives until the peer closes, the text ends with
 * `untilSuffix`, or `waitMs` passes (generous: CI machines are busy).
 */
function banner(
  address: string,
  port: number,
  send: string | undefined,
  untilSuffix: string | undefined,
  waitMs: number,
): Promise<CheckResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const text = () => Buffer.concat(chunks).toString('latin1')
    const s = connect({ host: address, port }, () => {
      if (send) s.write(Buffer.from(send, 'latin1'))
    })
    const timer = setTimeout(() => done(), waitMs)
    function done() {
      clearTimeout(timer)
      s.destroy()
      resolve({ ok: chunks.length > 0, text: text() })
    }
    s.on('data', (c: Buffer) => {
      chunks.push(c)
      if (untilSuffix && text().endsWith(untilSuffix)) done()
    })
    s.once('close', done)
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      resolve({ ok: false, text: e.code ?? e.message })
    })
  })
}

/** USER anonymous / PASS, as RFC 959 §4.1.1 and RFC 1635 describe anonymous FTP. */
function ftpAnon(address: string): Promise<CheckResult> {
  return new Promise((resolve) => {
    let transcript = ''
    const s = connect({ host: address, port: 21 })
    const timer = setTimeout(() => done(false), 5000)
    function done(ok: boolean) {
      clearTimeout(timer)
      s.destroy()
      resolve({ ok, text: transcript })
    }
    s.on('data', (c: Buffer) => {
      transcript += c.toString('latin1')
      const last = transcript.trimEnd().split('\r\n').at(-1) ?? ''
      if (/^220 /.test(last)) s.write('USER anonymous\r\n')
      else if (/^331 /.test(last)) s.write('PASS lab@example.invalid\r\n')
      else if (/^230 /.test(last)) {
        s.write('QUIT\r\n')
        done(true)
      } else if (/^5\d\d /.test(last)) done(false)
    })
    s.once('error', () => done(false))
  })
}

/** Refuses every Telnet option (RFC 854: DO → WONT, WILL → DONT) and returns the text that follows. */
function telnet(address: string): Promise<CheckResult> {
  return new Promise((resolve) => {
    let text = ''
    const s = connect({ host: address, port: 23 })
    s.on('data', (c: Buffer) => {
      const reply: number[] = []
      for (let i = 0; i < c.length; i++) {
        if (c[i] === 0xff && i + 2 < c.length) {
          const cmd = c[i + 1]
          const opt = c[i + 2] ?? 0
          if (cmd === 0xfd) reply.push(0xff, 0xfc, opt)
          else if (cmd === 0xfb) reply.push(0xff, 0xfe, opt)
          i += 2
        } else if (c[i] !== 0) {
          text += String.fromCharCode(c[i] ?? 0)
        }
      }
      if (reply.length) s.write(Buffer.from(reply))
    })
    s.once('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, text: e.code ?? e.message }))
    const timer = setTimeout(finish, 5000)
    const poll = setInterval(() => {
      if (/login: $/.test(text)) finish()
    }, 50)
    function finish() {
      clearTimeout(timer)
      clearInterval(poll)
      s.destroy()
      resolve({ ok: /login: $/.test(text), text })
    }
  })
}

function run(c: Check): Promise<CheckResult> {
  switch (c.kind) {
    case 'tcp':
      return tcp(c.address, c.port)
    case 'banner':
      return banner(c.address, c.port, c.send, c.untilSuffix, c.waitMs ?? 5000)
    case 'ftp-anon':
      return ftpAnon(c.address)
    case 'telnet':
      return telnet(c.address)
  }
}

const checks: Check[] = JSON.parse(process.argv[2] ?? '[]')
const results = await Promise.all(checks.map(run))
process.stdout.write(`${JSON.stringify(results)}\n`)
