/**
 * Run by the lab runner inside the scanner namespace:
 *   node [--import tsx] src/lab/port-check-main.ts '<json>'
 * where json = { targets: PortTarget[], deadlineMs: number }. Prints the PortCheckResult[] as JSON on stdout.
 */
import { type PortTarget, waitForPorts } from './port-check.js'

function parseTargets(raw: string): { targets: PortTarget[]; deadlineMs: number } {
  const v: unknown = JSON.parse(raw)
  if (typeof v !== 'object' || v === null || !('targets' in v) || !Array.isArray(v.targets)) {
    throw new Error('expected {"targets": [...], "deadlineMs": n}')
  }
  const deadlineMs = 'deadlineMs' in v && typeof v.deadlineMs === 'number' ? v.deadlineMs : 1000
  const targets: PortTarget[] = v.targets.map((t: unknown, i: number) => {
    if (
      typeof t === 'object' &&
      t !== null &&
      'address' in t &&
      typeof t.address === 'string' &&
      'port' in t &&
      typeof t.port === 'number' &&
      'transport' in t &&
      (t.transport === 'tcp' || t.transport === 'udp')
    ) {
      return { address: t.address, port: t.port, transport: t.transport }
    }
    throw new Error(`targets[${i}]: expected {address, port, transport: "tcp"|"udp"}`)
  })
  return { targets, deadlineMs }
}

try {
  const { targets, deadlineMs } = parseTargets(process.argv[2] ?? '')
  const results = await waitForPorts(targets, { deadlineMs })
  process.stdout.write(`${JSON.stringify(results)}\n`)
} catch (err) {
  process.stderr.write(`port-check: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(2)
}
