/**
 * Lifecycle flags of a ledger device, computed from its own fields (pure, shared by the server and the web UI):
 * past its service life, vendor support ended, an operating system no longer patched, and ports the manufacturer
 * declares that carry data in cleartext.
 */

/** OS names that mean "no longer patched by the vendor" (lower-case fragments; the dashboard counts the same). */
export const LEGACY_OS_FRAGMENTS = ['xp', 'windows 7', 'vista', '2000', '2003', '2008', 'windows 8', 'nt 4'] as const

/** Well-known ports whose protocol sends data (often passwords or patient data) without encryption. */
export const CLEARTEXT_PORTS: Readonly<Record<number, string>> = {
  21: 'FTP',
  23: 'Telnet',
  69: 'TFTP',
  80: 'HTTP',
  104: 'DICOM',
  110: 'POP3',
  143: 'IMAP',
  161: 'SNMP',
  512: 'rexec',
  513: 'rlogin',
  514: 'rsh',
  2575: 'HL7 MLLP',
  5900: 'VNC',
}

export type LifecycleFlag =
  | { id: 'past_service_life'; date: string }
  | { id: 'support_ended'; date: string }
  | { id: 'legacy_os'; os: string }
  | { id: 'cleartext_ports'; ports: { port: number; protocol: string }[] }

export interface LifecycleFields {
  serviceLifeEnd: string | null
  supportEnd: string | null
  os: string | null
  osVersion: string | null
  declaredPorts: readonly number[]
}

/** The flags that apply today (YYYY-MM-DD), in a fixed order; an empty list when none does. */
export function lifecycleFlags(d: LifecycleFields, today = new Date().toISOString().slice(0, 10)): LifecycleFlag[] {
  const flags: LifecycleFlag[] = []
  if (d.serviceLifeEnd && d.serviceLifeEnd < today) flags.push({ id: 'past_service_life', date: d.serviceLifeEnd })
  if (d.supportEnd && d.supportEnd < today) flags.push({ id: 'support_ended', date: d.supportEnd })
  const os = [d.os, d.osVersion].filter(Boolean).join(' ')
  if (os && LEGACY_OS_FRAGMENTS.some((f) => os.toLowerCase().includes(f))) flags.push({ id: 'legacy_os', os })
  const ports = d.declaredPorts
    .filter((p) => CLEARTEXT_PORTS[p])
    .map((p) => ({ port: p, protocol: CLEARTEXT_PORTS[p]! }))
  if (ports.length > 0) flags.push({ id: 'cleartext_ports', ports })
  return flags
}
