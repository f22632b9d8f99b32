import type { ClinicalFunction } from '../../../api/risk.js'

/**
 * What scoring reads about one device (issue 10, ADR 0033): the ledger's own fields plus what scans, findings,
 * vulnerability matches and the manufacturer's disclosure say about it. The storage's bulk loader
 * (src/storage/risk-facts.ts) fills it for every device with a handful of set-based queries; tests build it by hand.
 * Unknown stays null, so the explanation can say "未記入" / "未観測" instead of guessing.
 */
export interface DeviceRiskFacts {
  deviceId: string
  siteId: string
  assetTag: string | null
  name: string | null
  manufacturer: string | null
  model: string | null
  department: string | null
  location: string | null
  kind: string
  category: string
  /** CSA proximity 0 (implanted) … 4 (separate, not clinical); null = not filled in. */
  patientProximity: number | null
  lifeCritical: boolean
  os: string | null
  osVersion: string | null
  networkSegment: string | null
  /** Ledger connection types (wired, wifi, bluetooth, usb_media, remote_maintenance, cellular). */
  connectionTypes: readonly string[]
  /** The ledger records at least one IP or MAC address. */
  hasAddresses: boolean
  /** ISO dates (yyyy-mm-dd) or null when not filled in. */
  supportEnd: string | null
  serviceLifeEnd: string | null
  tags: readonly string[]
  /** Open ports of the latest scan that saw the device up (state open). */
  openServices: readonly { port: number; transport: string; service: string | null }[]
  /** Open findings (not accepted, not fixed) of every source, by severity. */
  findings: { critical: number; high: number; medium: number; low: number }
  /** Rule ids of those open findings (distinct), e.g. telnet-cleartext. */
  findingRules: readonly string[]
  /** CVEs of affected vulnerability matches that are in CISA KEV. */
  kevCves: readonly string[]
  /** Of those, the CVEs KEV marks as used in ransomware campaigns. */
  ransomwareCves: readonly string[]
  /** The highest EPSS among affected matches. */
  maxEpss: { cve: string; score: number } | null
  /** The affected match with the highest CVSS base score (3.x vector preferred, else 4.0). */
  cvss: { cve: string; score: number; vector: string | null } | null
  /** A public exploit is known (KEV ransomware use counts); null = no source says either way. */
  publicExploit: boolean | null
  /** Traffic to or from the internet seen by passive capture; null until capture has looked at it. */
  internetTraffic: boolean | null
  /** When a scan last saw the device up (ISO), or null when never. */
  lastSeenAt: string | null
  /** The device's link to a catalog model: confirmed by a person, suggested (with confidence 0–1), or none. */
  identification: { state: 'confirmed' | 'suggested' | null; confidence: number | null }
  /** What the manufacturer's disclosure of the device's (confirmed or suggested) model says; null = no disclosure. */
  disclosure: DisclosureFacts | null
}

/** The few MDS2 (2019 question set; 手入力 uses the same ids) answers scoring reads. null = not answered. */
export interface DisclosureFacts {
  /** The hospital cannot install security patches (CSUP-2.2/3.2 yes and CSUP-2.1 not yes). */
  notPatchable: boolean | null
  /** RMOT-1: the device accepts remote service connections. */
  remoteService: boolean | null
  /** RMOT-1.1: the hospital starts remote sessions itself (they are not open all the time). */
  hospitalStartsRemote: boolean | null
  /** MPII-1: the device handles personal (patient) information. */
  handlesPhi: boolean | null
  /** Controls the disclosure declares. */
  controls: readonly DeclaredControl[]
}

export const DECLARED_CONTROLS = ['malwareProtection', 'auditLog', 'authentication'] as const
export type DeclaredControl = (typeof DECLARED_CONTROLS)[number]

const THERAPY = new Set([
  'infusion_pump',
  'syringe_pump',
  'ventilator',
  'anesthesia_machine',
  'defibrillator',
  'dialysis',
  'radiotherapy',
])
const MONITORING = new Set(['patient_monitor', 'central_monitor', 'telemetry', 'ecg'])
const DIAGNOSIS = new Set([
  'ct',
  'mri',
  'ultrasound',
  'xray',
  'angiography',
  'mammography',
  'nuclear_medicine',
  'endoscope',
  'lab_analyzer',
])
const WORKFLOW = new Set(['pacs', 'ris', 'his_emr', 'nurse_call', 'modality_workstation'])

/**
 * The clinical function of a device from its ledger category (MITRE rubric: therapy delivery, monitoring,
 * diagnosis, clinical workflow; anything else is IT). A medical device of category `other` counts as monitoring:
 * it is used on patients but we do not know how, so it is not treated as mere IT.
 */
export function clinicalFunctionOf(category: string, kind: string): ClinicalFunction {
  if (THERAPY.has(category)) return 'therapy'
  if (MONITORING.has(category)) return 'monitoring'
  if (DIAGNOSIS.has(category)) return 'diagnosis'
  if (WORKFLOW.has(category)) return 'workflow'
  if (kind === 'medical_device' && category === 'other') return 'monitoring'
  return 'it'
}

/**
 * OS names no longer patched by their vendor: the same patterns as the ledger's `expired=legacy_os` filter
 * (src/storage/device-stats.ts LEGACY_OS), on the OS name and version together, lower-cased.
 */
const LEGACY_OS = ['xp', 'windows 7', 'vista', '2000', '2003', '2008', 'windows 8', 'nt 4']

export function isLegacyOs(os: string | null, osVersion: string | null): boolean {
  const text = `${os ?? ''} ${osVersion ?? ''}`.toLowerCase()
  return LEGACY_OS.some((p) => text.includes(p))
}

/** Facts with nothing known: a base for tests and for devices nobody has looked at yet. */
export function emptyFacts(overrides: Partial<DeviceRiskFacts> = {}): DeviceRiskFacts {
  return {
    deviceId: 'd1',
    siteId: 'default',
    assetTag: null,
    name: null,
    manufacturer: null,
    model: null,
    department: null,
    location: null,
    kind: 'medical_device',
    category: 'other',
    patientProximity: null,
    lifeCritical: false,
    os: null,
    osVersion: null,
    networkSegment: null,
    connectionTypes: [],
    hasAddresses: false,
    supportEnd: null,
    serviceLifeEnd: null,
    tags: [],
    ...unobservedFacts(),
    ...overrides,
  }
}

/** What scans, matches and disclosures add to a device's facts, before any of them was read (fresh arrays each call). */
export function unobservedFacts(): Pick<
  DeviceRiskFacts,
  | 'openServices'
  | 'findings'
  | 'findingRules'
  | 'kevCves'
  | 'ransomwareCves'
  | 'maxEpss'
  | 'cvss'
  | 'publicExploit'
  | 'internetTraffic'
  | 'lastSeenAt'
  | 'identification'
  | 'disclosure'
> {
  return {
    openServices: [],
    findings: { critical: 0, high: 0, medium: 0, low: 0 },
    findingRules: [],
    kevCves: [],
    ransomwareCves: [],
    maxEpss: null,
    cvss: null,
    publicExploit: null,
    // Until a capture heard the device (storage/risk-facts.ts reads captures and the traffic map).
    internetTraffic: null,
    lastSeenAt: null,
    identification: { state: null, confidence: null },
    disclosure: null,
  }
}

/** The MDS2 question ids scoring reads (2019 set; 手入力 uses the same ids). */
export const DISCLOSURE_QUESTIONS = [
  'CSUP-1',
  'CSUP-2.1',
  'CSUP-2.2',
  'CSUP-3.1',
  'CSUP-3.2',
  'CSUP-4',
  'RMOT-1',
  'RMOT-1.1',
  'MPII-1',
  'MLDP-2.1',
  'MLDP-4',
  'AUDT-1',
  'AUTH-1',
] as const

const yn = (v: string | null | undefined): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null)

/**
 * What scoring takes from a disclosure's answers (question id → yes/no/na/see-notes). Not patchable: only the
 * manufacturer installs OS or firmware patches (CSUP-2.2/3.2 yes) and no instructions let the hospital (CSUP-2.1/3.1
 * not yes) — the same reading as the disclosure rule csup-patches-only-by-manufacturer; CSUP-1 no = nothing to patch.
 */
export function disclosureFactsOf(answers: ReadonlyMap<string, string | null>): DisclosureFacts {
  const a = (id: string) => yn(answers.get(id))
  let notPatchable: boolean | null = null
  if (a('CSUP-1') === false) notPatchable = false
  else if ((a('CSUP-2.2') || a('CSUP-3.2')) && !a('CSUP-2.1') && !a('CSUP-3.1')) notPatchable = true
  else if (a('CSUP-2.1') || a('CSUP-3.1')) notPatchable = false
  const controls: DeclaredControl[] = []
  if (a('MLDP-2.1') || a('MLDP-4') || a('CSUP-4')) controls.push('malwareProtection')
  if (a('AUDT-1')) controls.push('auditLog')
  if (a('AUTH-1')) controls.push('authentication')
  return {
    notPatchable,
    remoteService: a('RMOT-1'),
    hospitalStartsRemote: a('RMOT-1.1'),
    handlesPhi: a('MPII-1'),
    controls,
  }
}
