/**
 * The finding rules, in report order, and {@link evaluateHost}, which runs them all on one host. Pure: no I/O,
 * same input, same findings.
 */
import type { AddressedFindingDraft } from '../../findings/finding.js'
import type { HostObservation } from '../observation.js'
import { cleartextCredentials } from './cleartext-credentials.js'
import { cleartextWhereTlsDeclared } from './cleartext-where-tls-declared.js'
import { dicomAnyAet } from './dicom-any-aet.js'
import { dicomWithoutTls } from './dicom-without-tls.js'
import { ftpAnonymous } from './ftp-anonymous.js'
import { ftpCleartext } from './ftp-cleartext.js'
import { hl7CrossingSegments } from './hl7-crossing-segments.js'
import { httpAdminWithoutTls } from './http-admin-without-tls.js'
import { internetTraffic } from './internet-traffic.js'
import { probeIncomplete } from './probe-incomplete.js'
import { rdpWithoutNla } from './rdp-without-nla.js'
import { type FindingRule, findingText, type LedgerContext } from './rule.js'
import { smbv1Enabled } from './smbv1-enabled.js'
import { snmpDefaultCommunity } from './snmp-default-community.js'
import { telnetCleartext } from './telnet-cleartext.js'
import { tlsOldVersion } from './tls-old-version.js'
import { tlsWeakCertificate } from './tls-weak-certificate.js'
import { undeclaredOpenPort } from './undeclared-open-port.js'
import { vncNoPassword } from './vnc-no-password.js'

export type { FindingRule, LedgerContext } from './rule.js'

/**
 * Every finding rule. Ids are stable (stored with findings). A new rule is one file here, one line below and its
 * texts in the catalog (`findings.<ruleId>.*` in src/core/messages/{ja,en}/findings.ts).
 */
export const FINDING_RULES = [
  vncNoPassword,
  telnetCleartext,
  smbv1Enabled,
  ftpAnonymous,
  snmpDefaultCommunity,
  rdpWithoutNla,
  dicomAnyAet,
  httpAdminWithoutTls,
  ftpCleartext,
  tlsOldVersion,
  tlsWeakCertificate,
  undeclaredOpenPort,
  cleartextWhereTlsDeclared,
  // Passive only (they read the `passive` facts a capture gives; an active scan never triggers them).
  cleartextCredentials,
  dicomWithoutTls,
  hl7CrossingSegments,
  internetTraffic,
  probeIncomplete,
] as const satisfies readonly FindingRule[]

const SEVERITY_ORDER: Record<AddressedFindingDraft['severity'], number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
}

/**
 * Runs every rule on one host and returns the findings, most severe first. `ledger` is the matched ledger
 * device's declared ports (null/undefined when the host is not in the ledger: undeclared-port checks are then
 * left to reconciliation). A rule that throws on unexpected data is reported as an incomplete info finding
 * instead of stopping the others.
 *
 * @example
 * ```ts
 * const findings = evaluateHost(host, { declaredPorts: [104, 443] })
 * ```
 */
export function evaluateHost(host: HostObservation, ledger?: LedgerContext | null): AddressedFindingDraft[] {
  const out: AddressedFindingDraft[] = []
  for (const rule of FINDING_RULES) {
    try {
      out.push(...rule.evaluate(host, ledger ?? null))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      out.push({
        ruleId: rule.id,
        severity: 'info',
        address: host.address,
        port: null,
        ...findingText('rule-error', { rule: rule.id, reason }),
        evidence: reason,
        incomplete: true,
      })
    }
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
}
