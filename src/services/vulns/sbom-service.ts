import type { z } from 'zod'
import type { componentCreate, componentPatch, cpeCandidates } from '../../../api/vulns.js'
import { MamoriError } from '../../core/errors.js'
import type { Actor, Clock, LedgerReader } from '../../core/ports.js'
import { candidateCpes } from '../../core/vulns/candidate-cpes.js'
import type { Component, StoredSbom } from '../../core/vulns/model.js'
import type { VulnStore } from '../../core/vulns/store.js'
import { readSbom } from '../../importers/sbom/index.js'
import { presentFeedProblem, problemDetails, sha256Hex } from '../feeds/ingest.js'
import type { ModelCatalogService } from '../model-catalog.js'

/** Where an SBOM belongs: a model ("MAKER MODEL" text or id) so it applies to every device of it, or one device. */
export interface SbomTarget {
  model?: string | null
  modelId?: string | null
  deviceId?: string | null
}

type Catalog = Pick<ModelCatalogService, 'find' | 'splitMakerModel' | 'resolveOrCreate' | 'vendorResolver' | 'detail'>

/**
 * SBOMs (CycloneDX, SPDX) and components of models and devices, and the candidate CPEs the ledger suggests for a
 * person to confirm. Every change re-runs matching for the devices it touches, so the views follow at once.
 */
export class SbomService {
  constructor(
    private readonly store: VulnStore,
    private readonly ledger: Pick<LedgerReader, 'get'>,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    /** Matching for these devices (wired to VulnMatchService.run). */
    private readonly rematch: (actor: Actor, deviceIds: readonly string[]) => Promise<unknown>,
  ) {}

  /** Reads and stores an SBOM for a model or a device; SBOM_UNREADABLE (nothing stored) when the file has errors. */
  async importSbom(actor: Actor, file: { name: string; bytes: Uint8Array }, target: SbomTarget) {
    const chosen = [target.model?.trim() || target.modelId, target.deviceId].filter(Boolean)
    if (chosen.length !== 1) throw MamoriError.of('SBOM_NO_TARGET')
    const parsed = readSbom(file.bytes, file.name)
    const errors = parsed.problems.filter((p) => p.severity === 'error')
    if (errors.length > 0)
      throw MamoriError.of(
        'SBOM_UNREADABLE',
        { file: file.name, errors: errors.length, problems: parsed.problems.length },
        problemDetails(parsed.problems),
      )
    const modelId = target.deviceId ? null : await this.modelId(actor, target)
    if (target.deviceId) await this.ledger.get(target.deviceId)
    const sbom = await this.store.insertSbom(
      {
        modelId,
        deviceId: target.deviceId ?? null,
        format: parsed.format,
        specVersion: parsed.specVersion,
        fileName: file.name,
        sha256: sha256Hex(file.bytes),
        serialNumber: parsed.serialNumber,
        problems: parsed.problems,
        importedAt: this.clock.now().toISOString(),
        importedBy: actor.name,
      },
      parsed.components,
      parsed.vex,
      actor,
      (s) => ({
        action: 'sbom.import',
        targetType: 'sbom',
        targetId: s.id,
        after: {
          fileName: s.fileName,
          format: s.format,
          specVersion: s.specVersion,
          modelId: s.modelId,
          deviceId: s.deviceId,
          components: s.componentCount,
          vex: parsed.vex.length,
        },
      }),
    )
    const devices = await this.devicesOf(sbom)
    await this.rematch(actor, devices)
    return {
      sbom,
      problems: parsed.problems.map(presentFeedProblem),
      vexStatements: parsed.vex.length,
      devices: devices.length,
    }
  }

  private async modelId(actor: Actor, target: SbomTarget): Promise<string> {
    if (target.modelId) return (await this.catalog.find(target.modelId)).id
    const text = target.model!.trim()
    try {
      return (await this.catalog.find(text)).id
    } catch (err) {
      // A manufacturer's SBOM may arrive before anyone added the model: create it, as a disclosure import does.
      if (!(err instanceof MamoriError) || err.code !== 'MODEL_NOT_FOUND') throw err
      const split = await this.catalog.splitMakerModel(text)
      if (!split) throw err
      return (await this.catalog.resolveOrCreate(actor, split)).id
    }
  }

  /** The devices a model's or a device's SBOM/components apply to (a model: its confirmed devices). */
  private async devicesOf(owner: { modelId: string | null; deviceId: string | null }): Promise<string[]> {
    if (owner.deviceId) return [owner.deviceId]
    if (!owner.modelId) return []
    const { devices } = await this.catalog.detail(owner.modelId)
    return devices.filter((d) => d.state === 'confirmed').map((d) => d.deviceId)
  }

  listSboms(q: { modelId?: string; deviceId?: string }): Promise<StoredSbom[]> {
    return this.store.listSboms(q)
  }

  async removeSbom(actor: Actor, id: string): Promise<void> {
    const sbom = (await this.store.listSboms({})).find((s) => s.id === id)
    if (!sbom) throw MamoriError.of('NOT_FOUND', { what: { en: 'SBOM', ja: 'SBOM' }, id })
    await this.store.removeSbom(id, actor, (s) => ({
      action: 'sbom.remove',
      targetType: 'sbom',
      targetId: s.id,
      before: { fileName: s.fileName, modelId: s.modelId, deviceId: s.deviceId, components: s.componentCount },
    }))
    await this.rematch(actor, await this.devicesOf(sbom))
  }

  components(q: { modelId?: string; deviceId?: string }): Promise<Component[]> {
    return this.store.components({
      modelIds: q.modelId ? [q.modelId] : q.deviceId ? [] : undefined,
      deviceIds: q.deviceId ? [q.deviceId] : q.modelId ? [] : undefined,
    })
  }

  private async component(id: string): Promise<Component> {
    const [c] = (await this.store.components({})).filter((x) => x.id === id)
    if (!c) throw MamoriError.of('NOT_FOUND', { what: { en: 'Component', ja: '構成要素' }, id })
    return c
  }

  async addComponent(actor: Actor, input: z.infer<typeof componentCreate>): Promise<Component> {
    if (input.modelId) await this.catalog.find(input.modelId)
    if (input.deviceId) await this.ledger.get(input.deviceId)
    const c = await this.store.addComponent(
      {
        modelId: input.modelId ?? null,
        deviceId: input.deviceId ?? null,
        kind: input.kind,
        name: input.name,
        supplier: input.supplier ?? null,
        version: input.version ?? null,
        cpe: input.cpe ?? null,
        purl: input.purl ?? null,
        source: input.source,
        // A person typed it or confirmed a candidate: as sure as an SBOM line.
        confidence: 1,
        confirmed: true,
      },
      actor,
      (x) => ({ action: 'component.add', targetType: 'component', targetId: x.id, after: x }),
    )
    await this.rematch(actor, await this.devicesOf(c))
    return c
  }

  async updateComponent(actor: Actor, id: string, set: z.infer<typeof componentPatch>): Promise<Component> {
    await this.component(id)
    const c = await this.store.updateComponent(id, set, actor, (before, after) => ({
      action: 'component.update',
      targetType: 'component',
      targetId: id,
      before,
      after,
    }))
    await this.rematch(actor, await this.devicesOf(c))
    return c
  }

  async removeComponent(actor: Actor, id: string): Promise<void> {
    const c = await this.component(id)
    await this.store.removeComponent(id, actor, (x) => ({
      action: 'component.remove',
      targetType: 'component',
      targetId: x.id,
      before: x,
    }))
    await this.rematch(actor, await this.devicesOf(c))
  }

  /** CPEs the ledger suggests for a device (OS, firmware), minus those already among its components. */
  async cpeCandidates(deviceId: string): Promise<z.infer<typeof cpeCandidates>> {
    const device = await this.ledger.get(deviceId)
    const have = new Set((await this.store.components({ deviceIds: [deviceId] })).map((c) => c.cpe))
    const items = candidateCpes(
      {
        manufacturer: device.manufacturer ?? null,
        model: device.model ?? null,
        softwareVersion: device.softwareVersion ?? null,
        os: [device.os, device.osVersion].filter(Boolean).join(' ') || null,
      },
      await this.catalog.vendorResolver(),
    ).filter((c) => !have.has(c.cpe))
    return { items }
  }
}
