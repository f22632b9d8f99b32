/**
 * Runs one scan with the built-in engine and prints a JSON summary on stdout. Started by bench/scan-vs-nmap.ts as a
 * separate process (inside the lab's scanner namespace via `ip netns exec`), so its timing includes process start
 * like nmap's does, and so it sends from the scanner namespace, never from the machine's own network.
 *
 * Usage: node --import tsx bench/support/scan-worker.ts '<json ScanRequest>'
 */
import { runScan, type ScanRequest } from '../../src/scanner/engine.js'

const request: ScanRequest = JSON.parse(process.argv[2] ?? '{}')
const t0 = performance.now()
const cpu0 = process.cpuUsage()
const result = await runScan(request, request.overrides?.runProbes === false ? { probes: [] } : {})
const elapsedMs = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
const open: Record<string, string[]> = {}
for (const h of result.hosts) {
  if (h.state !== 'up') continue
  open[h.address] = h.services.filter((s) => s.state === 'open').map((s) => `${s.port}/${s.transport}`)
}
process.stdout.write(
  `${JSON.stringify({ elapsedMs, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, open, hostsUp: Object.keys(open).length, stats: result.stats, skipped: result.skipped })}\n`,
)
