import type { DeviceFields } from '../../api/device.js'
import { CATEGORY_LABEL_JA } from '../core/generic-names.js'
import { MODELS, type ModelSpec, PEOPLE, UNITS, type Unit, VENDORS, WIRELESS } from './catalog.js'
import { HOSPITAL_LAYOUT, type SlotExtra } from './layout.js'
import { SeededRandom } from './random.js'

/** The demo site: a fictional 400-bed acute-care hospital on the coast of a fictional city. */
export const DEMO_SITE = { id: 'minato', name: 'みなと総合病院' } as const

/** Seed of the demo hospital; change it and every serial number, date and address changes. */
export const DEMO_SEED = 20260401

/** Identifiers a device gets from its allocator: the hospital numbers per ward, the benchmark numbers globally. */
interface Ids {
  assetTag: string
  serialNumber: string
  hostname: string | null
  ipAddresses: string[]
  macAddresses: string[]
  networkSegment: string | null
  vlan: number | null
}

/** Medical-device classes under the PMD Act, as clinical engineering files them. */
const DEVICE_CLASS: Partial<Record<ModelSpec['category'], string>> = {
  ventilator: 'クラスIII（高度管理医療機器）',
  infusion_pump: 'クラスIII（高度管理医療機器）',
  syringe_pump: 'クラスIII（高度管理医療機器）',
  dialysis: 'クラスIII（高度管理医療機器）',
  defibrillator: 'クラスIII（高度管理医療機器）',
  anesthesia_machine: 'クラスIII（高度管理医療機器）',
  patient_monitor: 'クラスII（管理医療機器）',
  central_monitor: 'クラスII（管理医療機器）',
  telemetry: 'クラスII（管理医療機器）',
  ecg: 'クラスII（管理医療機器）',
  ultrasound: 'クラスII（管理医療機器）',
  ct: 'クラスII（管理医療機器）',
  mri: 'クラスII（管理医療機器）',
  xray: 'クラスII（管理医療機器）',
  mammography: 'クラスII（管理医療機器）',
  angiography: 'クラスII（管理医療機器）',
  nuclear_medicine: 'クラスII（管理医療機器）',
  endoscope: 'クラスII（管理医療機器）',
  lab_analyzer: 'クラスI（一般医療機器）',
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const hex = (n: number) => (n & 0xff).toString(16).padStart(2, '0')

/** A calendar date `years` after `ymd`, as YYYY-MM-DD (the day never exceeds 28, so no month overflow). */
const addYears = (ymd: string, years: number) => `${Number(ymd.slice(0, 4)) + years}${ymd.slice(4)}`

/** The unit's location plus the room or bed; a place naming its own building (a server room) stands alone. */
function locationOf(unit: Unit, extra: SlotExtra, index: number): string {
  if (!extra.place) return unit.location
  const place = extra.place(index)
  return /^(本館|東棟|西棟)/.test(place) ? place : `${unit.location} ${place}`
}

/** Whether the device needs an address on an IP network (it has a host name prefix and a wired or Wi-Fi link). */
const isNetworked = (spec: ModelSpec) =>
  spec.host !== null && (spec.connections.includes('wired') || spec.connections.includes('wifi'))

/** Wi-Fi-only devices join the medical wireless LAN instead of their ward's wired segment. */
const isWirelessOnly = (spec: ModelSpec) => spec.connections.includes('wifi') && !spec.connections.includes('wired')

/** Builds one ledger record from a product line, a unit, its identifiers and the random stream. */
function makeDevice(
  siteId: string,
  spec: ModelSpec,
  unit: Unit,
  ids: Ids,
  extra: SlotExtra,
  index: number,
  rnd: SeededRandom,
): DeviceFields {
  const year = rnd.int(spec.installed[0], spec.installed[1])
  const installedOn = `${year}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.int(1, 28), 2)}`
  const vendor = VENDORS[spec.vendor]
  const isMedical = spec.kind === 'medical_device'
  const responsibleDepartment = isMedical ? unit.meOwner : unit.itOwner
  const people = PEOPLE[responsibleDepartment] ?? PEOPLE.医療情報部 ?? []
  const tags = new Set<string>(spec.tags)
  if (spec.connections.includes('remote_maintenance')) tags.add('リモート保守')
  if (spec.connections.includes('wifi') && spec.kind === 'medical_device') tags.add('Wi-Fi')
  const customFields: Record<string, string> = {}
  const deviceClass = DEVICE_CLASS[spec.category]
  if (isMedical && deviceClass) customFields.クラス分類 = deviceClass
  if (isMedical) customFields.点検周期 = spec.lifeCritical ? '6か月' : '12か月'
  if (spec.connections.includes('remote_maintenance')) customFields.リモート保守方式 = 'VPN（事前申請・作業ログ提出）'
  if (spec.kind === 'server') customFields.バックアップ = rnd.chance(0.8) ? '日次（世代管理）' : '未設定'
  const status = extra.status ?? 'in_use'
  const contractFrom = 2024 + rnd.int(0, 1)
  // A contract lapses once the maker stops support; spares in storage keep their periodic inspections.
  const isSupported = spec.supportEnd === null || spec.supportEnd >= '2026-04-01'
  const contract =
    spec.contract && status !== 'decommissioned' && isSupported
      ? `${spec.contract}（${contractFrom}年4月〜${contractFrom + 3}年3月）`
      : null
  const notes = [extra.notes, spec.notes].filter((n): n is string => typeof n === 'string').join(' ')
  return {
    siteId,
    department: unit.department,
    location: locationOf(unit, extra, index),
    assetTag: ids.assetTag,
    kind: spec.kind,
    category: spec.category,
    // The generic name a hospital ledger writes in its 機器名 column.
    name: spec.category === 'other' ? null : CATEGORY_LABEL_JA[spec.category],
    manufacturer: vendor.name,
    model: spec.model,
    serialNumber: ids.serialNumber,
    softwareVersion: rnd.pick(spec.versions),
    os: spec.os,
    osVersion: spec.osVersion,
    ipAddresses: ids.ipAddresses,
    macAddresses: ids.macAddresses,
    hostname: ids.hostname,
    networkSegment: ids.networkSegment,
    vlan: ids.vlan,
    connectionTypes: [...spec.connections],
    declaredPorts: [...spec.ports].sort((a, b) => a - b),
    usageEnvironment: extra.usageEnvironment ?? 'in_hospital',
    patientProximity: spec.proximity,
    lifeCritical: spec.lifeCritical,
    neverScan: extra.neverScan ?? (spec.lifeCritical && spec.fragile),
    fragile: spec.fragile,
    installedOn,
    serviceLifeEnd: addYears(installedOn, spec.lifeYears),
    supportEnd: spec.supportEnd,
    responsibleDepartment,
    responsiblePerson: people.length > 0 ? rnd.pick(people) : null,
    maintenanceContract: contract,
    vendorContact: vendor.contact,
    status,
    tags: [...tags],
    notes: notes.length > 0 ? notes : null,
    customFields,
  }
}

/**
 * Generates みなと総合病院 (Minato General Hospital): about 300 devices across 17 departments, as ledger records
 * ready for `deviceInput.parse` and `DeviceRepository.createMany`. Pure and deterministic: the same seed gives the
 * same hospital on every machine (no clock, no `Math.random`).
 *
 * IP plan: 10.20.<VLAN>.0/24 per segment (gateway .1, devices from .21), servers get a second NIC on the
 * management VLAN 31, Wi-Fi-only devices sit on the medical wireless LAN (VLAN 200). These addresses are ledger
 * data only; nothing ever contacts them.
 *
 * @example
 * const devices = demoHospital() // 約300台
 * devices[0].assetTag // 'ME-ICU-0001'
 */
export function demoHospital(opts: { seed?: number; siteId?: string } = {}): DeviceFields[] {
  const rnd = new SeededRandom(opts.seed ?? DEMO_SEED)
  const siteId = opts.siteId ?? DEMO_SITE.id
  const tagSeq = new Map<string, number>()
  const hostSeq = new Map<string, number>()
  const ipSeq = new Map<number, number>()
  const serialSeq = new Map<string, number>()
  let macSeq = 0
  const next = <K>(map: Map<K, number>, key: K, start = 1) => {
    const n = map.get(key) ?? start
    map.set(key, n + 1)
    return n
  }
  const ipOn = (vlan: number) => `10.20.${vlan}.${next(ipSeq, vlan, 21)}`
  const macOf = (spec: ModelSpec) => {
    macSeq += 1
    return `02:${hex(VENDORS[spec.vendor].macByte)}:${hex(rnd.int(0, 255))}:00:${hex(macSeq >> 8)}:${hex(macSeq)}`
  }

  const out: DeviceFields[] = []
  for (const [unitId, modelId, count, extra = {}] of HOSPITAL_LAYOUT) {
    const unit: Unit = UNITS[unitId]
    const spec: ModelSpec = MODELS[modelId]
    for (let i = 1; i <= count; i++) {
      const prefix = `${spec.kind === 'medical_device' ? 'ME' : 'IT'}-${unit.code}`
      const vendor = VENDORS[spec.vendor]
      const serialBase = next(serialSeq, spec.vendor, rnd.int(1000, 4000))
      const ids: Ids = {
        assetTag: `${prefix}-${pad(next(tagSeq, prefix), 4)}`,
        serialNumber: `${vendor.serialPrefix}${pad(spec.installed[0] % 100, 2)}${pad(serialBase, 6)}`,
        hostname: null,
        ipAddresses: [],
        macAddresses: [],
        networkSegment: null,
        vlan: null,
      }
      if (isNetworked(spec) && spec.host !== null) {
        const hostKey = `${spec.host}-${unit.code.toLowerCase()}`
        ids.hostname = `${hostKey}-${pad(next(hostSeq, hostKey), 2)}`
        const wireless = isWirelessOnly(spec)
        ids.vlan = wireless ? WIRELESS.vlan : unit.vlan
        ids.networkSegment = wireless ? WIRELESS.segment : unit.segment
        ids.ipAddresses.push(ipOn(ids.vlan))
        ids.macAddresses.push(macOf(spec))
        if (spec.kind === 'server') {
          // Servers have a second NIC for out-of-band management on VLAN 31.
          ids.ipAddresses.push(ipOn(31))
          ids.macAddresses.push(macOf(spec))
        }
      }
      out.push(makeDevice(siteId, spec, unit, ids, extra, i, rnd))
    }
  }
  return out
}

/**
 * Yields `count` synthetic devices drawn from the same vocabulary as the demo hospital (benchmarks, load tests).
 * Units and product lines are picked with the hospital's proportions; every asset tag, serial, host name, IP and
 * MAC is unique, so an import of the result creates `count` new devices. Deterministic for a given seed.
 */
export function* syntheticDevices(count: number, seed = 1): Generator<DeviceFields> {
  const rnd = new SeededRandom(seed)
  const slots = HOSPITAL_LAYOUT.flatMap((slot) => Array.from({ length: slot[2] }, () => slot))
  for (let n = 1; n <= count; n++) {
    const [unitId, modelId, , extra = {}] = rnd.pick(slots)
    const unit: Unit = UNITS[unitId]
    const spec: ModelSpec = MODELS[modelId]
    const vendor = VENDORS[spec.vendor]
    const ids: Ids = {
      assetTag: `${spec.kind === 'medical_device' ? 'ME' : 'IT'}-${unit.code}-${pad(n, 6)}`,
      serialNumber: `${vendor.serialPrefix}-S${pad(n, 7)}`,
      hostname: null,
      ipAddresses: [],
      macAddresses: [],
      networkSegment: null,
      vlan: null,
    }
    if (isNetworked(spec) && spec.host !== null) {
      const wireless = isWirelessOnly(spec)
      // 250 hosts per /24, counting up through 10.64.0.0/10: unique for up to ~4 million devices.
      const block = Math.floor(n / 250)
      ids.ipAddresses.push(`10.${64 + Math.floor(block / 256)}.${block % 256}.${(n % 250) + 2}`)
      ids.macAddresses.push(`02:${hex(vendor.macByte)}:${hex(n >> 24)}:${hex(n >> 16)}:${hex(n >> 8)}:${hex(n)}`)
      ids.hostname = `${spec.host}-${unit.code.toLowerCase()}-${n}`
      ids.vlan = wireless ? WIRELESS.vlan : unit.vlan
      ids.networkSegment = wireless ? WIRELESS.segment : unit.segment
    }
    yield makeDevice('default', spec, unit, ids, extra, 1 + (n % 20), rnd)
  }
}
