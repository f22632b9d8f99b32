/**
 * The connect-scan physical limit: how many TCP connect attempts per second this machine completes, with the least
 * user-space work Node allows (the bare `tcp_wrap` handle of src/net/tcp-connect.ts, no gate, no deadlines, no
 * results). Each attempt goes to a port picked round-robin from a range on the given targets; with closed ports
 * the kernel answers RST at once, so the figure is the kernel's socket/connect/RST/close work plus one event-loop
 * wake-up per batch: what a connect scan can reach from one thread.
 *
 * Usage (inside the lab's scanner namespace, or with loopback targets):
 *   node --import tsx bench/support/connect-rate.ts --targets 10.77.0.10,10.77.0.11 --seconds 5 --window 512 \
 *     [--threads 2] [--ports 20000-60000]
 * Prints one JSON line: attempts, per second, outcomes, CPU user/system ms. Traffic goes only to the targets given
 * (the caller chooses loopback or the lab's namespaces).
 */
import { spawn } from 'node:child_process'
import { type ConnectOutcome, connectImplementation, startConnect } from '../../src/net/tcp-connect.js'

interface Args {
  targets: string[]
  seconds: number
  window: number
  threads: number
  lo: number
  hi: number
}

function parseArgs(argv: string[]): Args {
  const get = (name: string, d: string) => {
    const i = argv.lastIndexOf(`--${name}`)
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : d
  }
  const [lo, hi] = get('ports', '20000-60000').split('-').map(Number)
  return {
    targets: get('targets', '127.0.0.1').split(','),
    seconds: Number(get('seconds', '5')),
    window: Number(get('window', '512')),
    threads: Number(get('threads', '1')),
    lo: lo ?? 20000,
    hi: hi ?? 60000,
  }
}

interface Tally {
  attempts: number
  outcomes: Record<string, number>
  /** Microseconds, set by child processes only. */
  cpuUser?: number
  cpuSystem?: number
}

/** Runs attempts for `a.seconds` on this thread, keeping `a.window` in flight. */
function hammer(a: Args, offset: number): Promise<Tally> {
  return new Promise((resolve) => {
    const outcomes: Record<string, number> = {}
    let attempts = 0
    let inFlight = 0
    let port = a.lo + offset
    let t = offset
    let stop = false
    const end = performance.now() + a.seconds * 1000
    const done = (outcome: ConnectOutcome, detail: string) => {
      inFlight--
      attempts++
      const k = detail ? `${outcome}:${detail}` : outcome
      outcomes[k] = (outcomes[k] ?? 0) + 1
      if ((attempts & 1023) === 0 && performance.now() >= end) stop = true
      if (!stop) next()
      else if (inFlight === 0) resolve({ attempts, outcomes })
    }
    const next = () => {
      inFlight++
      const target = a.targets[t++ % a.targets.length]!
      if (++port > a.hi) port = a.lo
      startConnect(target, port, target.includes(':') ? 6 : 4, done)
    }
    for (let i = 0; i < a.window; i++) next()
  })
}

const a = parseArgs(process.argv.slice(2))
const offsetArg = process.argv.indexOf('--offset')
if (offsetArg < 0) {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let tallies: Tally[]
  if (a.threads <= 1) {
    const t = await hammer(a, 0)
    tallies = [{ ...t }]
  } else {
    // Processes rather than threads (same kernel work, and no loader set-up per thread): each runs this script
    // with --threads 1 and a different starting port, and their tallies are summed.
    tallies = await Promise.all(
      Array.from(
        { length: a.threads },
        (_, i) =>
          new Promise<Tally>((resolve, reject) => {
            const argv = [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--threads', '1']
            argv.push('--offset', String(i))
            const c = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] })
            let out = ''
            c.stdout.on('data', (d: Buffer) => {
              out += d.toString()
            })
            c.on('error', reject)
            c.on('close', () => resolve(JSON.parse(out) as Tally))
          }),
      ),
    )
  }
  const ms = performance.now() - t0
  const own = process.cpuUsage(cpu0)
  // With child processes, each reports its own CPU time; they are summed with this process's.
  const cpu = { user: own.user, system: own.system }
  for (const x of tallies) {
    cpu.user += x.cpuUser ?? 0
    cpu.system += x.cpuSystem ?? 0
  }
  const attempts = tallies.reduce((n, x) => n + x.attempts, 0)
  const outcomes: Record<string, number> = {}
  for (const x of tallies) for (const [k, v] of Object.entries(x.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v
  process.stdout.write(
    `${JSON.stringify({
      implementation: connectImplementation(),
      threads: a.threads,
      window: a.window,
      targets: a.targets.length,
      attempts,
      perSecond: Math.round(attempts / (ms / 1000)),
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
      cpuMsPerThousand: Math.round(((cpu.user + cpu.system) / 1000 / attempts) * 1000 * 10) / 10,
      outcomes,
    })}\n`,
  )
} else {
  // A child of the main invocation: report the raw tally (its CPU time is summed by the parent's children usage).
  const cpu0 = process.cpuUsage()
  const t = await hammer(a, Number(process.argv[offsetArg + 1]))
  const cpu = process.cpuUsage(cpu0)
  process.stdout.write(JSON.stringify({ ...t, cpuUser: cpu.user, cpuSystem: cpu.system }))
}
