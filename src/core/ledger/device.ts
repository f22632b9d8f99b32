/**
 * The device ledger's (機器台帳) domain model: the stable ids of every choice field and the shape of a device.
 * Everything else builds on these: the API's zod schemas (`api/device.ts`), the column table (`./fields.ts`), the
 * importer and the exporters. Ids are stored and exported as-is; labels live in `./fields.ts`, `./vocabulary.ts`
 * and the web's i18n files.
 */

export const DEVICE_KINDS = ['medical_device', 'server', 'pc', 'network_device', 'other'] as const
export type DeviceKind = (typeof DEVICE_KINDS)[number]

export const DEVICE_CATEGORIES = [
  'patient_monitor',
  'central_monitor',
  'infusion_pump',
  'syringe_pump',
  'ventilator',
  'anesthesia_machine',
  'defibrillator',
  'ecg',
  'dialysis',
  'ct',
  'mri',
  'ultrasound',
  'xray',
  'angiography',
  'mammography',
  'nuclear_medicine',
  'radiotherapy',
  'endoscope',
  'lab_analyzer',
  'pacs',
  'modality_workstation',
  'ris',
  'his_emr',
  'nurse_call',
  'telemetry',
  'printer',
  'switch',
  'router',
  'firewall',
  'wireless_ap',
  'workstation',
  'server',
  'other',
] as const
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number]

export const CONNECTION_TYPES = ['wired', 'wifi', 'bluetooth', 'usb_media', 'remote_maintenance', 'cellular'] as const
export type ConnectionType = (typeof CONNECTION_TYPES)[number]

/** MHLW 2018 guidance: in hospital / outside hospital control (home care) / moves with the patient (implants, wearables). */
export const USAGE_ENVIRONMENTS = ['in_hospital', 'outside_hospital', 'with_patient'] as const
export type UsageEnvironment = (typeof USAGE_ENVIRONMENTS)[number]

/** `acceptance`: being checked before clinical use (導入時確認, issue 11); sign-off moves it to `in_use`. */
export const DEVICE_STATUSES = ['in_use', 'in_storage', 'decommissioned', 'acceptance'] as const
export type DeviceStatus = (typeof DEVICE_STATUSES)[number]

/** CSA proximity to the patient: 0 implanted … 4 separate, non-clinical tool. */
export const PATIENT_PROXIMITY = { min: 0, max: 4 } as const

/**
 * Longest text each free-text field accepts (characters). The API schema and the importer's fast path both read
 * this table, so they cannot drift apart.
 */
export const TEXT_LIMITS = {
  siteId: 64,
  department: 200,
  location: 200,
  assetTag: 100,
  name: 200,
  manufacturer: 200,
  model: 200,
  serialNumber: 200,
  softwareVersion: 100,
  os: 100,
  osVersion: 100,
  hostname: 253,
  networkSegment: 100,
  responsibleDepartment: 200,
  responsiblePerson: 200,
  maintenanceContract: 500,
  vendorContact: 500,
  notes: 5000,
} as const satisfies Partial<Record<keyof DeviceFields, number>>

/** Fields a person (or an import) may set. Everything else is kept by the server. */
export interface DeviceFields {
  siteId: string
  department: string | null
  location: string | null
  assetTag: string | null
  kind: DeviceKind
  category: DeviceCategory
  /** Generic name (一般的名称 / 機器名: 輸液ポンプ, 生体情報モニタ), apart from the model (型式: TE-LM800). */
  name: string | null
  manufacturer: string | null
  model: string | null
  serialNumber: string | null
  softwareVersion: string | null
  os: string | null
  osVersion: string | null
  ipAddresses: string[]
  macAddresses: string[]
  hostname: string | null
  networkSegment: string | null
  vlan: number | null
  connectionTypes: ConnectionType[]
  /** Ports the manufacturer declares the device uses (e.g. from its MDS2 or manual); scans flag any other open port. */
  declaredPorts: number[]
  usageEnvironment: UsageEnvironment
  patientProximity: number | null
  lifeCritical: boolean
  /** Skip this device in every active scan (e.g. life support). */
  neverScan: boolean
  /** Known to misbehave under traffic: the gentle profile skips it. */
  fragile: boolean
  installedOn: string | null
  serviceLifeEnd: string | null
  supportEnd: string | null
  responsibleDepartment: string | null
  responsiblePerson: string | null
  maintenanceContract: string | null
  vendorContact: string | null
  status: DeviceStatus
  tags: string[]
  notes: string | null
  customFields: Record<string, string>
}

/** What the server keeps about a stored device: id, optimistic-lock version, who and when. */
export interface DeviceMeta {
  id: string
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
  updatedBy: string | null
}

/** A device as stored: its fields plus what the server keeps. */
export interface Device extends DeviceFields, DeviceMeta {}

/**
 * A fresh record of every field's default (what a new device gets for a field nobody set). Returns a new object
 * each time, so callers may fill it in; a test checks it equals the API schema's defaults.
 */
export function defaultFields(): DeviceFields {
  return {
    siteId: 'default',
    department: null,
    location: null,
    assetTag: null,
    kind: 'medical_device',
    category: 'other',
    name: null,
    manufacturer: null,
    model: null,
    serialNumber: null,
    softwareVersion: null,
    os: null,
    osVersion: null,
    ipAddresses: [],
    macAddresses: [],
    hostname: null,
    networkSegment: null,
    vlan: null,
    connectionTypes: [],
    declaredPorts: [],
    usageEnvironment: 'in_hospital',
    patientProximity: null,
    lifeCritical: false,
    neverScan: false,
    fragile: false,
    installedOn: null,
    serviceLifeEnd: null,
    supportEnd: null,
    responsibleDepartment: null,
    responsiblePerson: null,
    maintenanceContract: null,
    vendorContact: null,
    status: 'in_use',
    tags: [],
    notes: null,
    customFields: {},
  }
}

/** The fields of a stored device, without what the server keeps. */
export function fieldsOf(d: Device): DeviceFields {
  const { id: _i, version: _v, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...fields } = d
  return fields
}
