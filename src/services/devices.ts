import {
  type Device,
  type DeviceFields,
  type DeviceInput,
  type DeviceListQuery,
  type DevicePatch,
  type DeviceSaved,
  deviceInput,
} from '../../api/device.js'
import { MamoriError } from '../core/errors.js'
import type { Actor, AuditRecord, Clock, LedgerReader, LedgerWriter } from '../core/ports.js'
import { checkDeviceFields } from './device-checks.js'

/** Fields that must never change through a patch (bookkeeping). */
function withoutBookkeeping(d: Device): DeviceFields {
  const { id: _i, version: _v, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, ...fields } = d
  return fields
}

const created = (d: Device): AuditRecord => ({
  action: 'device.create',
  targetType: 'device',
  targetId: d.id,
  after: d,
})

/**
 * The device ledger's use cases: the same rules as the ledger import for every save (real addresses, something
 * that identifies the device, one asset tag each), optimistic locking on updates (two engineers editing the same
 * device must not silently overwrite each other), and what each change records in the audit log. The store writes
 * the change and its audit entry in one transaction.
 */
export class DeviceService {
  /** Called after this service changed findings or devices (wired to the action plan and risk refresh). */
  afterChange: (actor: Actor) => Promise<void> = async () => {}

  constructor(
    private readonly ledger: LedgerReader & LedgerWriter,
    private readonly clock: Clock,
  ) {}

  get = (id: string) => this.ledger.get(id)
  list = (q: DeviceListQuery) => this.ledger.list(q, this.today())
  stats = () => this.ledger.stats(this.today())
  facets = () => this.ledger.facets()
  sites = () => this.ledger.sites()
  count = () => this.ledger.count()
  /** The ledger's change counter (bumped by every insert, update or delete of a device). */
  version = () => this.ledger.version()

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10)
  }

  /** Adds a device after the save rules; warnings (shared serial number or MAC) come back with it. */
  async create(input: DeviceFields, actor: Actor): Promise<DeviceSaved> {
    const { fields, warnings } = await checkDeviceFields(this.ledger, input)
    const [device] = await this.ledger.insert([fields], actor, created)
    await this.afterChange(actor)
    return { ...device!, warnings }
  }

  /** Adds many devices in one transaction without the save checks (demo and lab ledgers), each audited. */
  async createMany(fields: DeviceFields[], actor: Actor): Promise<Device[]> {
    const devices = await this.ledger.insert(fields, actor, created)
    await this.afterChange(actor)
    return devices
  }

  /**
   * Creates a device from a discovered host and links the host to it in the same transaction: the device exists
   * only if the host is linked to it.
   */
  async createLinkedToHost(fields: DeviceInput, hostId: string, actor: Actor): Promise<Device> {
    const [device] = await this.ledger.insert([deviceInput.parse(fields)], actor, created, { linkHostId: hostId })
    await this.afterChange(actor)
    return device!
  }

  /**
   * Applies a patch if `version` is still current; a 409 DEVICE_VERSION_CONFLICT says who changed it and when.
   * Only the fields sent change, in their checked form (normalised addresses, blanks as empty).
   */
  async update(id: string, version: number, patch: DevicePatch, actor: Actor): Promise<DeviceSaved> {
    const before = await this.ledger.get(id)
    const current = withoutBookkeeping(before)
    const merged = deviceInput.parse({ ...current, ...patch })
    const { fields, warnings } = await checkDeviceFields(this.ledger, merged, id)
    if (before.version !== version) {
      throw MamoriError.of('DEVICE_VERSION_CONFLICT', {
        device: before.assetTag ?? id,
        by: before.updatedBy ?? { en: 'someone', ja: '別のユーザー' },
        at: before.updatedAt,
      })
    }
    const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, fields[k as keyof DeviceFields]]))
    const next = deviceInput.parse({ ...current, ...changed })
    const audit = { action: 'device.update', targetType: 'device', targetId: id }
    const saved = await this.ledger.replace({ id, version, fields: next, audit }, actor)
    await this.afterChange(actor)
    return { ...saved, warnings }
  }

  async delete(id: string, actor: Actor): Promise<void> {
    await this.ledger.remove(id, actor, (before) => ({
      action: 'device.delete',
      targetType: 'device',
      targetId: id,
      before,
    }))
    await this.afterChange(actor)
  }
}
