import type { HostObservation, ProbeObservation, ServiceObservation } from '../core/discovery/observation.js'

/**
 * What a gentle scan of the fictional みなと総合病院 "saw": one observation per networked device, built from what
 * the device is (category, operating system) so the demo shows the problems hospitals actually meet — SMBv1 on old
 * Windows modalities, Telnet and unencrypted web consoles on monitors and network gear, FTP on lab analyzers, DICOM
 * accepting any AE title, SNMP "public". The observations go through the same finding rules, reconciliation and
 * risk scoring as a real scan (`ScanService.importObservations`), labelled as a demo. Devices marked "never scan"
 * are left out, as a real scan would leave them out. Deterministic: the same ledger gives the same observations.
 */
export interface DemoDeviceView {
  id: string
  assetTag: string | null
  category: string
  kind: string
  os: string | null
  ipAddresses: readonly string[]
  neverScan: boolean
  status: string
}

const LEGACY_WINDOWS = /windows (xp|7|ce|embedded standard 7|server 2008)/i
const WINDOWS = /windows/i

const observed = (probeId: string, facts: Record<string, unknown>, evidence: string): ProbeObservation => ({
  probeId,
  outcome: 'observed',
  facts,
  evidence: `${evidence} (demo)`,
})
const tcp = (port: number, service: string, probes: ProbeObservation[] = []): ServiceObservation => ({
  port,
  transport: 'tcp',
  state: 'open',
  service,
  banner: null,
  probes,
})

const telnet = () =>
  tcp(23, 'telnet', [
    observed('telnet-banner', { banner: 'login: ', loginPrompt: 'login:', negotiation: [] }, 'login: '),
  ])
const httpConsole = () =>
  tcp(80, 'http', [
    observed(
      'http-info',
      { tls: false, isLoginPage: true, basicAuthRealm: null, redirectsToHttps: false, adminPages: [] },
      'HTTP/1.1 200 OK <title>Login</title>',
    ),
  ])
const smb = (v1: boolean) =>
  tcp(445, 'smb', [
    observed(
      'smb-negotiate',
      v1
        ? { smbv1: true, smb1Dialect: 'NT LM 0.12', smb2Dialect: null, smb2Supported: false }
        : { smbv1: false, smb1Dialect: null, smb2Dialect: '3.1.1', smb2Supported: true },
      v1 ? 'SMB1 NEGOTIATE accepted: NT LM 0.12' : 'SMB2 NEGOTIATE: 3.1.1',
    ),
  ])
const ftp = () =>
  tcp(21, 'ftp', [
    observed('ftp-anon', { banner: '220 FTP ready', anonymous: 'refused', loginReplies: ['530'] }, '220 FTP ready'),
  ])
const dicom = (anyAet: boolean) =>
  tcp(104, 'dicom', [
    observed(
      'dicom-echo',
      {
        acceptsAnyAet: anyAet,
        calledAeTitle: 'MAMORI-ANY',
        callingAeTitle: 'MAMORI',
        association: anyAet ? 'accepted' : 'rejected',
        reject: null,
        presentationResult: anyAet ? 0 : null,
        implementationClassUid: null,
        implementationVersionName: null,
        maxPduLength: null,
        echoStatus: anyAet ? 0 : null,
        released: true,
      },
      anyAet ? 'A-ASSOCIATE-AC for called AE MAMORI-ANY' : 'A-ASSOCIATE-RJ',
    ),
  ])
const snmpPublic = (): ServiceObservation => ({
  port: 161,
  transport: 'udp',
  state: 'open',
  service: 'snmp',
  banner: null,
  probes: [
    observed(
      'snmp-community',
      { accepted: [{ version: 'v2c', community: 'public' }], sysDescr: 'demo' },
      'GetResponse for community public',
    ),
  ],
})

const MONITORING = new Set(['patient_monitor', 'central_monitor', 'telemetry', 'dialysis'])
const IMAGING = new Set([
  'ct',
  'mri',
  'xray',
  'angiography',
  'mammography',
  'nuclear_medicine',
  'ultrasound',
  'pacs',
  'modality_workstation',
  'ris',
])
const NETWORK = new Set(['switch', 'router', 'wireless_ap', 'firewall'])

/** The services a device of this kind shows in the demo; `nth` (its rank among its kind) varies them. */
function servicesOf(d: DemoDeviceView, nth: number): ServiceObservation[] {
  const out: ServiceObservation[] = []
  if (d.os && WINDOWS.test(d.os)) out.push(smb(LEGACY_WINDOWS.test(d.os)))
  if (MONITORING.has(d.category)) {
    // Service consoles left on: Telnet on every other monitor, a plain-HTTP web console on all of them.
    if (nth % 2 === 0) out.push(telnet())
    out.push(httpConsole())
  } else if (d.category === 'printer') {
    // The same two services as a monitor: only the patient impact differs.
    out.push(telnet(), httpConsole())
  } else if (d.category === 'lab_analyzer') {
    out.push(ftp())
  } else if (IMAGING.has(d.category)) {
    out.push(dicom(nth % 3 === 0))
  } else if (NETWORK.has(d.category)) {
    out.push(snmpPublic(), httpConsole())
    if (nth % 2 === 1) out.push(telnet())
  } else if (d.category === 'infusion_pump' || d.category === 'syringe_pump') {
    out.push(httpConsole())
  }
  return out
}

/** One observation per scannable networked device of the demo ledger (first address only). */
export function demoObservations(devices: readonly DemoDeviceView[]): HostObservation[] {
  const seen = new Map<string, number>()
  const hosts: HostObservation[] = []
  for (const d of [...devices].sort((a, b) => (a.assetTag ?? a.id).localeCompare(b.assetTag ?? b.id))) {
    const address = d.ipAddresses[0]
    if (!address || d.neverScan || d.status === 'decommissioned') continue
    const nth = seen.get(d.category) ?? 0
    seen.set(d.category, nth + 1)
    hosts.push({
      address,
      mac: null,
      hostname: null,
      state: 'up',
      upReason: 'tcp-connect',
      services: servicesOf(d, nth),
      complete: true,
    })
  }
  return hosts
}
