import type { Device, DeviceFields } from '../../../api/device.js'
import { deviceInput } from '../../../api/device.js'
import { normalizeAddressLists } from '../../../src/core/address.js'

/**
 * The edit form works on strings and lists (what inputs hold) and converts to the API's DeviceInput only when
 * saving, so a half-typed VLAN or port list never breaks rendering. Validation reuses the shared zod schema.
 */
export interface DeviceForm {
  siteId: string
  department: string
  location: string
  assetTag: string
  kind: string
  category: string
  name: string
  manufacturer: string
  model: string
  serialNumber: string
  softwareVersion: string
  os: string
  osVersion: string
  ipAddresses: string[]
  macAddresses: string[]
  hostname: string
  networkSegment: string
  vlan: string
  connectionTypes: string[]
  declaredPorts: string
  usageEnvironment: string
  patientProximity: string
  lifeCritical: boolean
  neverScan: boolean
  fragile: boolean
  installedOn: string
  serviceLifeEnd: string
  supportEnd: string
  responsibleDepartment: string
  responsiblePerson: string
  maintenanceContract: string
  vendorContact: string
  status: string
  tags: string[]
  notes: string
  customFields: { key: string; value: string }[]
}

/** Field ids of DeviceInput, in the order they are compared for the PATCH body. */
export const FIELD_IDS = Object.keys(deviceInput.shape)

/** An empty form with the schema's defaults, for "new device". */
export function emptyForm(): DeviceForm {
  return {
    siteId: 'default',
    department: '',
    location: '',
    assetTag: '',
    kind: 'medical_device',
    category: 'other',
    name: '',
    manufacturer: '',
    model: '',
    serialNumber: '',
    softwareVersion: '',
    os: '',
    osVersion: '',
    ipAddresses: [],
    macAddresses: [],
    hostname: '',
    networkSegment: '',
    vlan: '',
    connectionTypes: [],
    declaredPorts: '',
    usageEnvironment: 'in_hospital',
    patientProximity: '',
    lifeCritical: false,
    neverScan: false,
    fragile: false,
    installedOn: '',
    serviceLifeEnd: '',
    supportEnd: '',
    responsibleDepartment: '',
    responsiblePerson: '',
    maintenanceContract: '',
    vendorContact: '',
    status: 'in_use',
    tags: [],
    notes: '',
    customFields: [],
  }
}

const s = (v: string | null | undefined) => v ?? ''

/** A stored device as form values. */
export function formFromDevice(d: Device): DeviceForm {
  return {
    siteId: d.siteId,
    department: s(d.department),
    location: s(d.location),
    assetTag: s(d.assetTag),
    kind: d.kind,
    category: d.category,
    name: s(d.name),
    manufacturer: s(d.manufacturer),
    model: s(d.model),
    serialNumber: s(d.serialNumber),
    softwareVersion: s(d.softwareVersion),
    os: s(d.os),
    osVersion: s(d.osVersion),
    ipAddresses: [...d.ipAddresses],
    macAddresses: [...d.macAddresses],
    hostname: s(d.hostname),
    networkSegment: s(d.networkSegment),
    vlan: d.vlan === null ? '' : String(d.vlan),
    connectionTypes: [...d.connectionTypes],
    declaredPorts: d.declaredPorts.join(', '),
    usageEnvironment: d.usageEnvironment,
    patientProximity: d.patientProximity === null ? '' : String(d.patientProximity),
    lifeCritical: d.lifeCritical,
    neverScan: d.neverScan,
    fragile: d.fragile,
    installedOn: s(d.installedOn),
    serviceLifeEnd: s(d.serviceLifeEnd),
    supportEnd: s(d.supportEnd),
    responsibleDepartment: s(d.responsibleDepartment),
    responsiblePerson: s(d.responsiblePerson),
    maintenanceContract: s(d.maintenanceContract),
    vendorContact: s(d.vendorContact),
    status: d.status,
    tags: [...d.tags],
    notes: s(d.notes),
    customFields: Object.entries(d.customFields).map(([key, value]) => ({ key, value })),
  }
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim())
const numOrNull = (v: string) => (v.trim() === '' ? null : Number(v.trim()))

/** The raw object handed to the schema (types may still be wrong; the schema says where). */
function candidate(f: DeviceForm): Record<string, unknown> {
  return {
    siteId: f.siteId.trim() || 'default',
    department: orNull(f.department),
    location: orNull(f.location),
    assetTag: orNull(f.assetTag),
    kind: f.kind,
    category: f.category,
    name: orNull(f.name),
    manufacturer: orNull(f.manufacturer),
    model: orNull(f.model),
    serialNumber: orNull(f.serialNumber),
    softwareVersion: orNull(f.softwareVersion),
    os: orNull(f.os),
    osVersion: orNull(f.osVersion),
    ipAddresses: f.ipAddresses.map((x) => x.trim()).filter(Boolean),
    macAddresses: f.macAddresses.map((x) => x.trim()).filter(Boolean),
    hostname: orNull(f.hostname),
    networkSegment: orNull(f.networkSegment),
    vlan: numOrNull(f.vlan),
    connectionTypes: f.connectionTypes,
    declaredPorts: f.declaredPorts
      .split(/[\s,、]+/)
      .filter(Boolean)
      .map((p) => Number(p)),
    usageEnvironment: f.usageEnvironment,
    patientProximity: numOrNull(f.patientProximity),
    lifeCritical: f.lifeCritical,
    neverScan: f.neverScan,
    fragile: f.fragile,
    installedOn: orNull(f.installedOn),
    serviceLifeEnd: orNull(f.serviceLifeEnd),
    supportEnd: orNull(f.supportEnd),
    responsibleDepartment: orNull(f.responsibleDepartment),
    responsiblePerson: orNull(f.responsiblePerson),
    maintenanceContract: orNull(f.maintenanceContract),
    vendorContact: orNull(f.vendorContact),
    status: f.status,
    tags: f.tags.map((x) => x.trim()).filter(Boolean),
    notes: orNull(f.notes),
    customFields: Object.fromEntries(
      f.customFields.filter((c) => c.key.trim() !== '').map((c) => [c.key.trim(), c.value]),
    ),
  }
}

/** One validation problem on one field, as an i18n key plus values. */
export interface FieldProblem {
  key: string
  values: Record<string, string | number>
}

export type Validation = { ok: true; value: DeviceFields } | { ok: false; errors: Record<string, FieldProblem> }

/**
 * Validates the form with the shared schema. Problems come back per field as i18n keys so the message is in the
 * user's language (zod's own texts are English only).
 */
export function validateForm(f: DeviceForm): Validation {
  const errors: Record<string, FieldProblem> = {}
  const dupKeys = new Set<string>()
  const seen = new Set<string>()
  for (const c of f.customFields) {
    const k = c.key.trim()
    if (k === '' && c.value.trim() !== '') errors.customFields = { key: 'validation.customKeyMissing', values: {} }
    if (seen.has(k)) dupKeys.add(k)
    seen.add(k)
  }
  if (dupKeys.size > 0)
    errors.customFields = { key: 'validation.customKeyDuplicate', values: { keys: [...dupKeys].join(', ') } }

  const parsed = deviceInput.safeParse(candidate(f))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '')
      if (errors[field]) continue
      errors[field] = problemFor(field, issue)
    }
  }
  if (parsed.success) {
    // The same address rule as the server and the import (src/core/address.ts), checked before sending.
    const addr = normalizeAddressLists(parsed.data)
    for (const p of addr.problems) {
      if (!errors[p.field])
        errors[p.field] = {
          key: p.field === 'ipAddresses' ? 'validation.ipAddress' : 'validation.macAddress',
          values: { value: p.value },
        }
    }
    const d = parsed.data
    if (
      addr.problems.length === 0 &&
      d.assetTag === null &&
      d.serialNumber === null &&
      d.hostname === null &&
      d.ipAddresses.length === 0 &&
      d.macAddresses.length === 0
    )
      errors.assetTag = { key: 'validation.identifierRequired', values: {} }
    if (addr.problems.length === 0) {
      d.ipAddresses = addr.ipAddresses
      d.macAddresses = addr.macAddresses
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, value: parsed.data }
}

interface IssueLike {
  code: string
  message: string
  maximum?: unknown
  minimum?: unknown
  path: PropertyKey[]
}

function problemFor(field: string, issue: IssueLike): FieldProblem {
  const dateFields = ['installedOn', 'serviceLifeEnd', 'supportEnd']
  if (dateFields.includes(field)) {
    return issue.code === 'custom'
      ? { key: 'validation.notRealDate', values: {} }
      : { key: 'validation.dateFormat', values: {} }
  }
  if (field === 'declaredPorts') return { key: 'validation.ports', values: {} }
  if (field === 'vlan') return { key: 'validation.vlan', values: {} }
  if (issue.code === 'too_big') {
    const max = typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint' ? Number(issue.maximum) : 0
    return { key: 'validation.tooBig', values: { max } }
  }
  if (issue.code === 'too_small') return { key: 'validation.required', values: {} }
  return { key: 'validation.invalid', values: {} }
}

/** Only the fields that differ from the stored device: what PATCH sends (with the version it was read at). */
export function diffPatch(original: Device, next: DeviceFields): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  const before: Record<string, unknown> = { ...original }
  const after: Record<string, unknown> = { ...next }
  for (const key of FIELD_IDS) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) patch[key] = after[key]
  }
  return patch
}

/** True when the form differs from what was loaded (or from an empty form for a new device). */
export function isDirty(form: DeviceForm, original: DeviceForm): boolean {
  return JSON.stringify(form) !== JSON.stringify(original)
}

/** A problem the server located (`where` is a path such as `patch.ipAddresses.0`), in English and Japanese. */
export interface LocatedProblem {
  where: string
  message: string
  messageJa?: string
}

/**
 * The server's problems per form field, in the UI's language: `patch.ipAddresses.0` and `body.ipAddresses[1]` both
 * land on `ipAddresses`; several problems on one field are joined with "; ".
 */
export function serverErrorsByField(details: readonly LocatedProblem[], isJapanese: boolean): Record<string, string> {
  const byField: Record<string, string> = {}
  for (const d of details) {
    const field = d.where.replace(/^(patch|body)\./, '').split(/[.[]/)[0] ?? ''
    const msg = isJapanese && d.messageJa ? d.messageJa : d.message
    byField[field] = byField[field] ? `${byField[field]}; ${msg}` : msg
  }
  return byField
}
