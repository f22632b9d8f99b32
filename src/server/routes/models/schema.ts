import { z } from 'zod'
import type { DeviceModelLinkDto, LinkedDeviceDto } from '../../../../api/catalog.js'
import type { DeviceModelLink } from '../../../core/catalog/model.js'
import type { LinkedDevice } from '../../../core/catalog/store.js'

/** `:id` of a catalog model or a device. */
export const idParams = z.object({ id: z.string().min(1).max(100) })

/** A link as the API sends it: the reason in both languages. */
export const presentLink = (l: DeviceModelLink): DeviceModelLinkDto => ({
  deviceId: l.deviceId,
  modelId: l.modelId,
  state: l.state,
  confidence: l.confidence,
  reason: l.reason,
  reasonJa: l.reasonJa ?? l.reason,
  decidedBy: l.decidedBy,
  decidedAt: l.decidedAt,
})

export const presentLinkedDevice = (d: LinkedDevice): LinkedDeviceDto => ({
  ...presentLink(d),
  assetTag: d.assetTag,
  name: d.name,
  department: d.department,
  manufacturer: d.manufacturer,
  model: d.model,
  softwareVersion: d.softwareVersion,
})
