import { z } from 'zod'
import {
  CONNECTION_TYPES,
  type Device as CoreDevice,
  type DeviceFields as CoreDeviceFields,
  DEVICE_CATEGORIES,
  DEVICE_KINDS,
  DEVICE_STATUSES,
  PATIENT_PROXIMITY,
  TEXT_LIMITS,
  USAGE_ENVIRONMENTS,
} from '../src/core/ledger/device.js'

/**
 * The device ledger (機器台帳) contract shared by the server, the CLI and the web UI, built from the ledger's domain
 * model in `src/core/ledger/device.ts` (the vocabularies, text limits and field shape live there; a type check
 * below keeps the schema's output equal to the core `DeviceFields`). Enumerations are stable ids (stored and
 * exported as-is); labels live in `src/core/ledger/fields.ts` and the i18n files.
 */

export {
  CONNECTION_TYPES,
  type ConnectionType,
  DEVICE_CATEGORIES,
  DEVICE_KINDS,
  DEVICE_STATUSES,
  type DeviceCategory,
  type DeviceKind,
  type DeviceStatus,
  USAGE_ENVIRONMENTS,
  type UsageEnvironment,
} from '../src/core/ledger/device.js'

export const deviceKind = z.enum(DEVICE_KINDS)
export const deviceCategory = z.enum(DEVICE_CATEGORIES)
export const connectionType = z.enum(CONNECTION_TYPES)
export const usageEnvironment = z.enum(USAGE_ENVIRONMENTS)
export const deviceStatus = z.enum(DEVICE_STATUSES)

/** CSA proximity to the patient: 0 implanted … 4 separate, non-clinical tool. */
export const patientProximity = z.number().int().min(PATIENT_PROXIMITY.min).max(PATIENT_PROXIMITY.max)

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'not a real calendar date',
    },
  )

const text = (max: number) => z.string().trim().max(max)
const optText = (max: number) => text(max).nullable().default(null)

/** Fields a person (or an import) may set. Everything else is kept by the server. */
export const deviceInput = z.object({
  siteId: z.string().min(1).max(TEXT_LIMITS.siteId).default('default'),
  department: optText(TEXT_LIMITS.department),
  location: optText(TEXT_LIMITS.location),
  assetTag: optText(TEXT_LIMITS.assetTag),
  kind: deviceKind.default('medical_device'),
  category: deviceCategory.default('other'),
  /** Generic name (一般的名称 / 機器名: 輸液ポンプ, 生体情報モニタ), apart from the model (型式: TE-LM800). */
  name: optText(TEXT_LIMITS.name),
  manufacturer: optText(TEXT_LIMITS.manufacturer),
  model: optText(TEXT_LIMITS.model),
  serialNumber: optText(TEXT_LIMITS.serialNumber),
  softwareVersion: optText(TEXT_LIMITS.softwareVersion),
  os: optText(TEXT_LIMITS.os),
  osVersion: optText(TEXT_LIMITS.osVersion),
  ipAddresses: z.array(z.string().max(64)).max(32).default([]),
  macAddresses: z.array(z.string().max(32)).max(32).default([]),
  hostname: optText(TEXT_LIMITS.hostname),
  networkSegment: optText(TEXT_LIMITS.networkSegment),
  vlan: z.number().int().min(1).max(4094).nullable().default(null),
  connectionTypes: z.array(connectionType).max(CONNECTION_TYPES.length).default([]),
  /** Ports the manufacturer declares the device uses (e.g. from its MDS2 or manual); scans flag any other open port. */
  declaredPorts: z.array(z.number().int().min(1).max(65535)).max(1000).default([]),
  usageEnvironment: usageEnvironment.default('in_hospital'),
  patientProximity: patientProximity.nullable().default(null),
  lifeCritical: z.boolean().default(false),
  /** Skip this device in every active scan (e.g. life support). */
  neverScan: z.boolean().default(false),
  /** Known to misbehave under traffic: the gentle profile skips it. */
  fragile: z.boolean().default(false),
  installedOn: isoDate.nullable().default(null),
  serviceLifeEnd: isoDate.nullable().default(null),
  supportEnd: isoDate.nullable().default(null),
  responsibleDepartment: optText(TEXT_LIMITS.responsibleDepartment),
  responsiblePerson: optText(TEXT_LIMITS.responsiblePerson),
  maintenanceContract: optText(TEXT_LIMITS.maintenanceContract),
  vendorContact: optText(TEXT_LIMITS.vendorContact),
  status: deviceStatus.default('in_use'),
  tags: z.array(text(50).min(1)).max(50).default([]),
  notes: optText(TEXT_LIMITS.notes),
  customFields: z.record(z.string().max(100), z.string().max(1000)).default({}),
})
export type DeviceInput = z.input<typeof deviceInput>
export type DeviceFields = CoreDeviceFields

/** True when A and B are the same type; used to keep the schemas equal to the core model at compile time. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
/** Fails to compile when the schema's output and the core `DeviceFields` / `Device` drift apart. */
export type DeviceSchemaMatchesCore = [
  Assert<Same<z.output<typeof deviceInput>, CoreDeviceFields>>,
  Assert<Same<z.output<typeof device>, CoreDevice>>,
]

/** Each field of `S` optional and without its default. */
type PatchShape<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer T extends z.ZodType> ? T : S[K]>
}

/**
 * A patch carries only the fields that were sent. Zod 4 applies `.default()` even inside `.partial()`, so
 * `deviceInput.partial().parse({ location: 'x' })` would reset every other field to its default; the defaults are
 * stripped here so that a missing field stays missing.
 */
function patchOf<S extends z.ZodRawShape>(shape: S): z.ZodObject<PatchShape<S>> {
  const out: Record<string, z.ZodType> = {}
  for (const [key, schema] of Object.entries(shape)) {
    out[key] = z.optional(schema instanceof z.ZodDefault ? schema.unwrap() : schema)
  }
  return z.object(out) as z.ZodObject<PatchShape<S>>
}

export const devicePatch = patchOf(deviceInput.shape)
export type DevicePatch = z.input<typeof devicePatch>

export const device = deviceInput.extend({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
})
export type Device = CoreDevice

/** Something worth checking about a saved device (a serial number or MAC address another device also has). */
export const saveWarning = z.object({
  field: z.string(),
  value: z.string(),
  message: z.string(),
  messageJa: z.string(),
})
export type SaveWarning = z.infer<typeof saveWarning>

/** A created or changed device, with the warnings about it (the form shows them after saving). */
export const deviceSaved = device.extend({ warnings: z.array(saveWarning).optional() })
export type DeviceSaved = z.infer<typeof deviceSaved>

export const DEVICE_SORT_FIELDS = [
  'assetTag',
  'department',
  'kind',
  'category',
  'name',
  'manufacturer',
  'model',
  'hostname',
  'status',
  'serviceLifeEnd',
  'supportEnd',
  'updatedAt',
] as const

export const deviceListQuery = z.object({
  q: z.string().max(200).optional(),
  kind: deviceKind.optional(),
  category: deviceCategory.optional(),
  status: deviceStatus.optional(),
  department: z.string().max(200).optional(),
  siteId: z.string().max(64).optional(),
  lifeCritical: z.enum(['true', 'false']).optional(),
  /**
   * 'service_life' | 'support': devices whose service life / support has ended by today; 'legacy_os': devices
   * whose OS is no longer patched (as the dashboard counts them).
   */
  expired: z.enum(['service_life', 'support', 'legacy_os']).optional(),
  sort: z.enum(DEVICE_SORT_FIELDS).default('assetTag'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(10_000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type DeviceListQuery = z.input<typeof deviceListQuery>

export const deviceListResponse = z.object({
  items: z.array(device),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
})
export type DeviceListResponse = z.infer<typeof deviceListResponse>

export const dashboardStats = z.object({
  total: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  byStatus: z.record(z.string(), z.number().int()),
  byDepartment: z.array(z.object({ department: z.string(), count: z.number().int() })),
  byCategory: z.record(z.string(), z.number().int()),
  pastServiceLife: z.number().int(),
  pastSupportEnd: z.number().int(),
  lifeCritical: z.number().int(),
  legacyOs: z.number().int(),
})
export type DashboardStats = z.infer<typeof dashboardStats>
