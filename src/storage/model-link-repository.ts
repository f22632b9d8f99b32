import type { DeviceModelLink, ModelLinkState } from '../core/catalog/model.js'
import type { DeviceForMatching, LinkedDevice, SuggestedLink } from '../core/catalog/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import { type Actor, recordAudit } from './audit-repository.js'
import { ManufacturerAliasRepository } from './manufacturer-alias-repository.js'
import { BATCH, modelLabel, modelRow } from './model-catalog-rows.js'
import type { DeviceModelLinkTable } from './schema.js'

/** The reason column holds `{"en","ja"}` JSON; a plain text (written by hand or by older code) serves both. */
function readReason(text: string): { en: string; ja: string } {
  if (text.startsWith('{'))
    try {
      const v = JSON.parse(text) as { en?: unknown; ja?: unknown }
      if (typeof v.en === 'string' && typeof v.ja === 'string') return { en: v.en, ja: v.ja }
    } catch {
      // not JSON after all: shown as written
    }
  return { en: text, ja: text }
}

const toLink = (r: DeviceModelLinkTable): DeviceModelLink => {
  const reason = readReason(r.reason)
  return {
    deviceId: r.deviceId,
    modelId: r.modelId,
    state: r.state as ModelLinkState,
    confidence: Number(r.confidence),
    reason: reason.en,
    reasonJa: reason.ja,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
  }
}

/** Device ↔ model links: suggestions written in batches, confirmations and removals audited on the device. */
export class ModelLinkRepository extends ManufacturerAliasRepository {
  async devicesForMatching(): Promise<DeviceForMatching[]> {
    const rows = await this.db
      .selectFrom('devices')
      .leftJoin('deviceModelLinks', 'deviceModelLinks.deviceId', 'devices.id')
      .select([
        'devices.id',
        'devices.assetTag',
        'devices.manufacturer',
        'devices.model',
        'devices.softwareVersion',
        'deviceModelLinks.modelId',
        'deviceModelLinks.state',
        'deviceModelLinks.confidence',
        'deviceModelLinks.reason',
      ])
      .execute()
    return rows.map((r) => ({
      id: r.id,
      assetTag: r.assetTag,
      manufacturer: r.manufacturer,
      model: r.model,
      softwareVersion: r.softwareVersion,
      link:
        r.modelId && r.state
          ? {
              modelId: r.modelId,
              state: r.state as ModelLinkState,
              confidence: Number(r.confidence),
              reason: r.reason ?? '',
            }
          : null,
    }))
  }

  async replaceSuggestions(links: SuggestedLink[], staleDeviceIds: string[], actor: Actor): Promise<void> {
    if (links.length === 0 && staleDeviceIds.length === 0) return
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < staleDeviceIds.length; i += BATCH)
        await trx
          .deleteFrom('deviceModelLinks')
          .where('deviceId', 'in', staleDeviceIds.slice(i, i + BATCH))
          .where('state', '=', 'suggested')
          .execute()
      for (let i = 0; i < links.length; i += BATCH)
        await trx
          .insertInto('deviceModelLinks')
          .values(
            links.slice(i, i + BATCH).map((l) => ({
              deviceId: l.deviceId,
              modelId: l.modelId,
              state: 'suggested',
              confidence: l.confidence,
              reason: JSON.stringify(l.reason),
              decidedBy: null,
              decidedAt: null,
            })),
          )
          .onConflict((oc) =>
            oc
              .column('deviceId')
              .doUpdateSet((eb) => ({
                modelId: eb.ref('excluded.modelId'),
                confidence: eb.ref('excluded.confidence'),
                reason: eb.ref('excluded.reason'),
              }))
              // A person's confirmation made meanwhile wins over a suggestion.
              .where('deviceModelLinks.state', '=', 'suggested'),
          )
          .execute()
      await recordAudit(trx, actor, {
        action: 'model-link.suggest',
        targetType: 'device_model_link',
        after: { suggested: links.length, withdrawn: staleDeviceIds.length },
      })
    })
  }

  async confirmLink(deviceId: string, modelId: string, actor: Actor): Promise<DeviceModelLink> {
    return this.db.transaction().execute(async (trx) => {
      const model = await modelRow(trx, modelId)
      const device = await trx.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst()
      if (!device) throw notFound('Device', deviceId, '機器')
      const before = await trx
        .selectFrom('deviceModelLinks')
        .selectAll()
        .where('deviceId', '=', deviceId)
        .executeTakeFirst()
      const now = new Date().toISOString()
      // Confirming the suggested model keeps why it was suggested; choosing another model says a person chose it.
      const kept = before?.modelId === modelId
      const row: DeviceModelLinkTable = {
        deviceId,
        modelId,
        state: 'confirmed',
        confidence: kept ? Number(before.confidence) : 1,
        reason: kept ? before.reason : JSON.stringify({ en: `chosen by ${actor.name}`, ja: `${actor.name} が選択` }),
        decidedBy: actor.name,
        decidedAt: now,
      }
      if (before) await trx.updateTable('deviceModelLinks').set(row).where('deviceId', '=', deviceId).execute()
      else await trx.insertInto('deviceModelLinks').values(row).execute()
      await recordAudit(trx, actor, {
        action: 'model-link.confirm',
        targetType: 'device',
        targetId: deviceId,
        before: before ? { modelId: before.modelId, state: before.state } : null,
        after: { modelId, model: modelLabel(model), state: 'confirmed' },
      })
      return toLink(row)
    })
  }

  async confirmSuggested(modelId: string, actor: Actor): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const model = await modelRow(trx, modelId)
      const ids = (
        await trx
          .selectFrom('deviceModelLinks')
          .select('deviceId')
          .where('modelId', '=', modelId)
          .where('state', '=', 'suggested')
          .execute()
      ).map((r) => r.deviceId)
      const now = new Date().toISOString()
      for (let i = 0; i < ids.length; i += BATCH)
        await trx
          .updateTable('deviceModelLinks')
          .set({ state: 'confirmed', decidedBy: actor.name, decidedAt: now })
          .where('deviceId', 'in', ids.slice(i, i + BATCH))
          .execute()
      await recordAudit(
        trx,
        actor,
        ids.map((deviceId) => ({
          action: 'model-link.confirm',
          targetType: 'device',
          targetId: deviceId,
          before: { modelId, state: 'suggested' },
          after: { modelId, model: modelLabel(model), state: 'confirmed' },
        })),
      )
      return ids.length
    })
  }

  async removeLink(deviceId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('deviceModelLinks')
        .selectAll()
        .where('deviceId', '=', deviceId)
        .executeTakeFirst()
      if (!before) throw MamoriError.of('DEVICE_NOT_LINKED', { device: deviceId })
      await trx.deleteFrom('deviceModelLinks').where('deviceId', '=', deviceId).execute()
      await recordAudit(trx, actor, {
        action: 'model-link.remove',
        targetType: 'device',
        targetId: deviceId,
        before: { modelId: before.modelId, state: before.state },
      })
    })
  }

  async linkOf(deviceId: string): Promise<DeviceModelLink | null> {
    const row = await this.db
      .selectFrom('deviceModelLinks')
      .selectAll()
      .where('deviceId', '=', deviceId)
      .executeTakeFirst()
    return row ? toLink(row) : null
  }

  async devicesOfModel(modelId: string, opts: { confirmedOnly: boolean }): Promise<LinkedDevice[]> {
    let q = this.db
      .selectFrom('deviceModelLinks')
      .innerJoin('devices', 'devices.id', 'deviceModelLinks.deviceId')
      .selectAll('deviceModelLinks')
      .select([
        'devices.assetTag',
        'devices.name',
        'devices.department',
        'devices.manufacturer',
        'devices.model',
        'devices.softwareVersion',
      ])
      .where('deviceModelLinks.modelId', '=', modelId)
    if (opts.confirmedOnly) q = q.where('deviceModelLinks.state', '=', 'confirmed')
    const rows = await q.orderBy('devices.assetTag').orderBy('devices.id').execute()
    return rows.map((r) => ({
      ...toLink(r),
      assetTag: r.assetTag,
      name: r.name,
      department: r.department,
      manufacturer: r.manufacturer,
      model: r.model,
      softwareVersion: r.softwareVersion,
    }))
  }
}
