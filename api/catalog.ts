import { z } from 'zod'

/** The model catalog (ADR 0023): the HTTP contract shared by server, CLI and web. */

const version = z.string().trim().max(100)
const bilingualReason = { reason: z.string(), reasonJa: z.string() }

export const catalogModel = z.object({
  id: z.string(),
  /** The global vendor name (after the alias table). */
  vendor: z.string(),
  name: z.string(),
  versionFrom: z.string().nullable(),
  versionTo: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type CatalogModelDto = z.infer<typeof catalogModel>

/** A model with its device counts by link state and attached disclosures. */
export const catalogModelSummary = catalogModel.extend({
  confirmed: z.number().int(),
  suggested: z.number().int(),
  disclosures: z.number().int(),
})
export type CatalogModelSummaryDto = z.infer<typeof catalogModelSummary>

export const modelLinkState = z.enum(['suggested', 'confirmed'])

export const deviceModelLink = z.object({
  deviceId: z.string(),
  modelId: z.string(),
  state: modelLinkState,
  confidence: z.number(),
  ...bilingualReason,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
})
export type DeviceModelLinkDto = z.infer<typeof deviceModelLink>

export const linkedDevice = deviceModelLink.extend({
  assetTag: z.string().nullable(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  softwareVersion: z.string().nullable(),
})
export type LinkedDeviceDto = z.infer<typeof linkedDevice>

export const modelDetail = z.object({ model: catalogModelSummary, devices: z.array(linkedDevice) })
export type ModelDetailDto = z.infer<typeof modelDetail>

/** A device's link and its model; `link` null when the device has none. */
export const deviceModel = z.object({ link: deviceModelLink.nullable(), model: catalogModelSummary.nullable() })
export type DeviceModelDto = z.infer<typeof deviceModel>

/** Create a model: the maker as written goes through the alias table (日本光電工業株式会社 → Nihon Kohden). */
export const modelCreate = z.object({
  manufacturer: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  versionFrom: version.nullable().optional(),
  versionTo: version.nullable().optional(),
})
export const modelUpdate = modelCreate.partial()
export const modelDeleteQuery = z.object({
  /** Admin only: delete although devices are confirmed or disclosures attach (links go, disclosures stay detached). */
  force: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
})
export const modelMerge = z.object({
  /** The model that is merged into this one and then deleted. */
  from: z.string().min(1).max(100),
})
export const mergeResult = z.object({ links: z.number().int(), disclosures: z.number().int() })

export const modelCandidate = z.object({
  vendor: z.string(),
  name: z.string(),
  manufacturers: z.array(z.string()),
  devices: z.number().int(),
})
export type ModelCandidateDto = z.infer<typeof modelCandidate>
export const candidatesAccept = z.object({
  items: z
    .array(z.object({ manufacturer: z.string().trim().min(1).max(200), name: z.string().trim().min(1).max(200) }))
    .min(1)
    .max(5000),
})

/** What a suggestion pass over the ledger did. */
export const suggestionCounts = z.object({
  devices: z.number().int(),
  confirmed: z.number().int(),
  suggested: z.number().int(),
  unchanged: z.number().int(),
  withdrawn: z.number().int(),
  unmatched: z.number().int(),
})
export type SuggestionCountsDto = z.infer<typeof suggestionCounts>
export const candidatesAccepted = z.object({ created: z.array(catalogModel), suggestions: suggestionCounts })

/** PUT /api/devices/:id/model: confirm the device's link to `modelId`, or its current suggestion when absent. */
export const deviceModelPut = z.object({ modelId: z.string().min(1).max(100).optional() })

export const manufacturerAlias = z.object({
  id: z.string(),
  alias: z.string(),
  aliasKey: z.string(),
  vendor: z.string(),
  builtin: z.boolean(),
})
export type ManufacturerAliasDto = z.infer<typeof manufacturerAlias>
export const aliasCreate = z.object({
  alias: z.string().trim().min(1).max(200),
  vendor: z.string().trim().min(1).max(200),
})
export const aliasUpdate = aliasCreate.partial()
