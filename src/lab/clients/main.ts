/**
 * The lab's clinical clients: small Node programs that play the people and systems who use the lab's devices, run
 * inside a lab namespace by ../traffic.ts so that a capture of the lab holds the everyday traffic a hospital's mirror
 * port would carry (logins in clear, HL7 results, an SSH session's greeting).
 *
 *   node [--import tsx] src/lab/clients/main.ts <ftp|telnet|ssh|hl7> <host> <port> [options as key=value]
 *
 * Every name, password and message here is made up for the training lab; nothing is a real credential.
 */
import { connect, type Socket } from 'node:net'

const TIMEOUT_MS = 8_000

/** Connects and resolves with the socket plus a helper that waits until the received text matches. */
function open(host: string, port: number): Promise<{ socket: Socket; waitFor(re: RegExp): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port })
    let received = ''
    const waiters: { re: RegExp; done(s: string): void }[] = []
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`${host}:${port}: no answer in ${TIMEOUT_MS} ms`)))
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1')
      for (const w of [...waiters]) {
        if (w.re.test(received)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.done(received)
        }
      }
    })
    socket.once('error', reject)
    socket.once('connect', () =>
      resolve({
        socket,
        waitFor: (re) =>
          new Promise((done, fail) => {
            if (re.test(received)) return done(received)
            waiters.push({ re, done })
            socket.once('close', () => fail(new Error(`${host}:${port}: closed before ${re}`)))
          }),
      }),
    )
  })
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** FTP: an anonymous login (accepted by the lab's workstation) and a named one, each ended with QUIT. */
async function ftp(host: string, port: number, opts: Record<string, string>): Promise<void> {
  for (const [user, pass] of [
    [opts.user ?? 'anonymous', opts.pass ?? 'guest@example.invalid'],
    ['ct-tech', 'lab-password-1'],
  ] as const) {
    const c = await open(host, port)
    await c.waitFor(/^220[ -].*\r\n/m)
    c.socket.write(`USER ${user}\r\n`)
    await c.waitFor(/^3\d\d[ -].*\r\n|^5\d\d[ -].*\r\n/m)
    c.socket.write(`PASS ${pass}\r\n`)
    await c.waitFor(/^(230|530)[ -].*\r\n/m)
    c.socket.write('QUIT\r\n')
    await c.waitFor(/^221[ -]/m).catch(() => '')
    c.socket.end()
  }
}

/** Telnet: types a user name and a password one character per packet, as terminals do; the lab always refuses. */
async function telnet(host: string, port: number, opts: Record<string, string>): Promise<void> {
  const c = await open(host, port)
  // Refuse every option (IAC DO x → IAC WONT x, IAC WILL x → IAC DONT x), as a minimal terminal would.
  c.socket.on('data', (chunk: Buffer) => {
    for (let i = 0; i + 2 < chunk.length; i++) {
      if (chunk[i] !== 0xff) continue
      const opt = chunk[i + 2] ?? 0
      if (chunk[i + 1] === 0xfd) c.socket.write(Uint8Array.from([0xff, 0xfc, opt]))
      else if (chunk[i + 1] === 0xfb) c.socket.write(Uint8Array.from([0xff, 0xfe, opt]))
    }
  })
  await c.waitFor(/login: ?/)
  for (const ch of `${opts.user ?? 'nurse01'}\r\n`) {
    c.socket.write(ch)
    await pause(20)
  }
  await c.waitFor(/Password: ?/)
  for (const ch of `${opts.pass ?? 'lab-password-2'}\r\n`) {
    c.socket.write(ch)
    await pause(20)
  }
  await c.waitFor(/incorrect/i)
  c.socket.end()
}

/** SSH: exchanges identification strings only (no key exchange): what every SSH session starts with. */
async function ssh(host: string, port: number): Promise<void> {
  const c = await open(host, port)
  c.socket.write('SSH-2.0-OpenSSH_9.2p1 Mamori-lab-maintenance-client\r\n')
  await c.waitFor(/^SSH-[\d.]+-.*\r?\n/m)
  c.socket.end()
}

/** HL7: a central monitor sends vital-sign results (ORU^R01) over MLLP and waits for each ACK. */
async function hl7(host: string, port: number, opts: Record<string, string>): Promise<void> {
  const c = await open(host, port)
  const count = Number(opts.count ?? 3)
  for (let i = 1; i <= count; i++) {
    const stamp = `20261203${String(90000 + i).padStart(6, '0')}`
    const msg = [
      `MSH|^~\\&|${opts.app ?? 'CMG100'}|${opts.facility ?? 'ICU3F'}|VITALLINK|MAMORI_TRAINING_HOSP|${stamp}||ORU^R01|LAB${i}|P|2.5`,
      'PID|1||LAB-PATIENT-0001||TRAINING^DUMMY',
      `OBX|1|NM|8867-4^Heart rate^LN||${70 + i}|/min|||||F`,
    ].join('\r')
    c.socket.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(`${msg}\r`, 'latin1'), Buffer.from([0x1c, 0x0d])]))
    await c.waitFor(new RegExp(`MSA\\|A[AER]\\|LAB${i}`))
  }
  c.socket.end()
}

async function main(argv: string[]): Promise<void> {
  const [kind, host, portText, ...rest] = argv
  const port = Number(portText)
  if (!kind || !host || !Number.isInteger(port)) throw new Error('usage: main.ts <ftp|telnet|ssh|hl7> <host> <port>')
  const opts = Object.fromEntries(rest.map((kv) => [kv.split('=')[0] ?? '', kv.split('=').slice(1).join('=')]))
  if (kind === 'ftp') await ftp(host, port, opts)
  else if (kind === 'telnet') await telnet(host, port, opts)
  else if (kind === 'ssh') await ssh(host, port)
  else if (kind === 'hl7') await hl7(host, port, opts)
  else throw new Error(`unknown lab client "${kind}"`)
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  },
)
