/**
 * Runs a real Mamori scan of the lab and prints the result as JSON. The lab tests run it INSIDE the scanner
 * namespace (the only place that can reach the lab):
 *   ip netns exec <scanner> node --import tsx test/lab/scan-lab.ts <cidr> <profile> <exclude,...> [ports]
 * Output: { elapsedMs, limits, stats, skipped, hosts: [HostObservation & { findings: FindingDraft[] }] }.
 */
import type { ScanProfileId } from '../../src/core/discovery/observation.js'
import { isProfileId } from '../../src/core/discovery/profiles.js'
import { evaluateHost } from '../../src/core/discovery/rules/index.js'
import { expandTargets, parseTargets } from '../../src/core/discovery/targets.js'
import { runScan, type ScanProgress } from '../../src/scanner/engine.js'

const [cidr = '10.77.0.0/24', profileArg = 'gentle', excludeArg = '', ports = 'top'] = process.argv.slice(2)
const profile: ScanProfileId = isProfileId(profileArg) ? profileArg : 'gentle'
const exclusions = excludeArg ? excludeArg.split(',') : []
const targets = [...expandTargets(parseTargets(cidr))]
const t0 = performance.now()
// Progress on stderr every 10 s: when the test's timeout kills the scan, its message shows where the scan was.
let lastReport = 0
const onProgress = (p: ScanProgress) => {
  if (p.elapsedMs - lastReport < 10_000 && p.phase !== 'done') return
  lastReport = p.elapsedMs
  process.stderr.write(
    `${Math.round(p.elapsedMs / 1000)} s ${p.phase}: hosts ${p.hostsDone}/${p.hostsTotal} (${p.hostsUp} up), ` +
      `ports ${p.portsScanned} (${p.openPorts} open), probes ${p.probesRun}, at ${p.currentHost ?? '-'}\n`,
  )
}
const result = await runScan({ targets, approvedScopes: [cidr], exclusions, profile, ports }, { onProgress })
const hosts = result.hosts.filter((h) => h.state === 'up').map((h) => ({ ...h, findings: evaluateHost(h) }))
process.stdout.write(
  `${JSON.stringify({
    elapsedMs: Math.round(performance.now() - t0),
    limits: result.limits,
    stats: result.stats,
    stopped: result.stopped,
    skipped: result.skipped.length,
    hosts,
  })}\n`,
)
