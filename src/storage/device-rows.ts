import { categorySearchWords } from '../core/generic-names.js'
import type { Device, DeviceFields, DeviceMeta } from '../core/ledger/device.js'
import type { DeviceTable } from './schema.js'
import { normalizeSearchText } from './search-index.js'

/** Fields folded into `search_text` (normalizeSearchText) for the ledger's full-text search (search-index.ts). */
const SEARCHED: (keyof DeviceFields)[] = [
  'assetTag',
  'department',
  'location',
  'name',
  'manufacturer',
  'model',
  'serialNumber',
  'softwareVersion',
  'os',
  'osVersion',
  'hostname',
  'networkSegment',
  'responsibleDepartment',
  'responsiblePerson',
  'notes',
]

export function searchTextOf(d: DeviceFields): string {
  const parts: string[] = []
  for (const k of SEARCHED) {
    const v = d[k]
    if (typeof v === 'string' && v.length > 0) parts.push(v)
  }
  // The category's Japanese word too, so that 「輸液ポンプ」 finds the infusion pumps whatever their name field says.
  parts.push(...d.ipAddresses, ...d.macAddresses, ...d.tags, d.category, categorySearchWords(d.category), d.kind)
  return normalizeSearchText(parts.join(' '))
}

/** The bookkeeping columns of a device row. */
export type RowMeta = DeviceMeta

/** Device fields + bookkeeping -> a `devices` row. */
export function toDeviceRow(d: DeviceFields, meta: RowMeta): DeviceTable {
  // Explicit fields, not `...meta`: on Node 20's V8 an object literal that starts with a spread and then adds ~40
  // properties falls into a slow path (~100 µs per call), which dominated bulk imports.
  return {
    id: meta.id,
    version: meta.version,
    createdAt: meta.createdAt,
    createdBy: meta.createdBy,
    updatedAt: meta.updatedAt,
    updatedBy: meta.updatedBy,
    siteId: d.siteId,
    department: d.department,
    location: d.location,
    assetTag: d.assetTag,
    kind: d.kind,
    category: d.category,
    name: d.name,
    manufacturer: d.manufacturer,
    model: d.model,
    serialNumber: d.serialNumber,
    softwareVersion: d.softwareVersion,
    os: d.os,
    osVersion: d.osVersion,
    ipAddresses: JSON.stringify(d.ipAddresses),
    macAddresses: JSON.stringify(d.macAddresses),
    hostname: d.hostname,
    networkSegment: d.networkSegment,
    vlan: d.vlan,
    connectionTypes: JSON.stringify(d.connectionTypes),
    declaredPorts: JSON.stringify(d.declaredPorts),
    usageEnvironment: d.usageEnvironment,
    patientProximity: d.patientProximity,
    lifeCritical: d.lifeCritical ? 1 : 0,
    neverScan: d.neverScan ? 1 : 0,
    fragile: d.fragile ? 1 : 0,
    installedOn: d.installedOn,
    serviceLifeEnd: d.serviceLifeEnd,
    supportEnd: d.supportEnd,
    responsibleDepartment: d.responsibleDepartment,
    responsiblePerson: d.responsiblePerson,
    maintenanceContract: d.maintenanceContract,
    vendorContact: d.vendorContact,
    status: d.status,
    tags: JSON.stringify(d.tags),
    notes: d.notes,
    customFields: JSON.stringify(d.customFields),
    searchText: searchTextOf(d),
  }
}

/** A `devices` row -> the API's Device. */
export function fromDeviceRow(r: DeviceTable): Device {
  return {
    id: r.id,
    siteId: r.siteId,
    department: r.department,
    location: r.location,
    assetTag: r.assetTag,
    kind: r.kind as Device['kind'],
    category: r.category as Device['category'],
    name: r.name,
    manufacturer: r.manufacturer,
    model: r.model,
    serialNumber: r.serialNumber,
    softwareVersion: r.softwareVersion,
    os: r.os,
    osVersion: r.osVersion,
    ipAddresses: JSON.parse(r.ipAddresses),
    macAddresses: JSON.parse(r.macAddresses),
    hostname: r.hostname,
    networkSegment: r.networkSegment,
    vlan: r.vlan,
    connectionTypes: JSON.parse(r.connectionTypes),
    declaredPorts: JSON.parse(r.declaredPorts),
    usageEnvironment: r.usageEnvironment as Device['usageEnvironment'],
    patientProximity: r.patientProximity,
    lifeCritical: r.lifeCritical === 1,
    neverScan: r.neverScan === 1,
    fragile: r.fragile === 1,
    installedOn: r.installedOn,
    serviceLifeEnd: r.serviceLifeEnd,
    supportEnd: r.supportEnd,
    responsibleDepartment: r.responsibleDepartment,
    responsiblePerson: r.responsiblePerson,
    maintenanceContract: r.maintenanceContract,
    vendorContact: r.vendorContact,
    status: r.status as Device['status'],
    tags: JSON.parse(r.tags),
    notes: r.notes,
    customFields: JSON.parse(r.customFields),
    version: r.version,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  }
}

/** Address rows kept beside each device for lookups by IP/MAC. */
export function addressRowsOf(id: string, d: Pick<DeviceFields, 'ipAddresses' | 'macAddresses'>) {
  return [
    ...d.ipAddresses.map((value) => ({ deviceId: id, kind: 'ip' as const, value })),
    ...d.macAddresses.map((value) => ({ deviceId: id, kind: 'mac' as const, value })),
  ]
}
