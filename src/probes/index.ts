/**
 * The probe registry: every probe Mamori can run, as plain data (compare Kysely's DIALECTS). The scheduler
 * runs a probe on a service when `applies(service)` is true; only `safe` probes run unless the user opts in
 * with `--allow-intrusive` and a target allowlist. All probes below are safe.
 *
 * @example
 * ```ts
 * for (const probe of PROBES.filter((p) => p.safety === 'safe' && p.applies(service))) {
 *   const result = await probe.run(service, ctx)
 * }
 * ```
 */
import { dicomEcho } from './dicom-echo.js'
import { ftpAnon } from './ftp-anon.js'
import { hl7Mllp } from './hl7-mllp.js'
import { httpInfo } from './http-info.js'
import type { Probe } from './probe.js'
import { rdpDetect } from './rdp-detect.js'
import { smbNegotiate } from './smb-negotiate.js'
import { snmpCommunity } from './snmp-community.js'
import { sshBanner } from './ssh-banner.js'
import { telnetBanner } from './telnet-banner.js'
import { tlsInfo } from './tls-info.js'
import { vncAuth } from './vnc-auth.js'

/** Every registered probe. Ids are stable: users type them, reports store them. */
export const PROBES = [
  dicomEcho,
  hl7Mllp,
  smbNegotiate,
  ftpAnon,
  telnetBanner,
  snmpCommunity,
  httpInfo,
  tlsInfo,
  sshBanner,
  rdpDetect,
  vncAuth,
] as const satisfies readonly Probe[]

/** A registered probe id. */
export type ProbeId = (typeof PROBES)[number]['id']

/** The probes run without `--allow-intrusive`: the safe ones. */
export const DEFAULT_PROBES: readonly Probe[] = PROBES.filter((p) => p.safety === 'safe')

/** Looks a probe up by id (for `--probes` on the CLI). */
export function probeById(id: string): Probe | undefined {
  return PROBES.find((p) => p.id === id)
}
