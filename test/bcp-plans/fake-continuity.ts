import type { ClinicalService, DevicePlan } from '../../api/bcp.js'
import { MamoriError } from '../../src/core/errors.js'
import type { ContinuityReader } from '../../src/services/module-common.js'

/** A clinical service as the bcp module would return it (api types), with what the test needs set. */
export function fakeService(over: Partial<ClinicalService> & { id: string; name: string }): ClinicalService {
  return {
    nameEn: '',
    description: '',
    department: null,
    criticality: 'high',
    owner: null,
    decider: null,
    maxDowntimeMinutes: null,
    fallbackJa: '',
    fallbackEn: '',
    dependencies: [],
    seedKey: null,
    version: 1,
    warnings: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'tester',
    ...over,
  }
}

/** A device plan; `saved: false` is the category's default the reader returns for a device with no plan. */
export function fakePlan(over: Partial<DevicePlan> & { deviceId: string; saved: boolean }): DevicePlan {
  return {
    isolationJa: '',
    isolationEn: '',
    recoveryStepsJa: [],
    recoveryStepsEn: [],
    validationJa: [],
    validationEn: [],
    manufacturerContact24h: '',
    backupNote: '',
    dependsOn: [],
    device: {
      assetTag: null,
      name: null,
      model: null,
      department: null,
      location: null,
      lifeCritical: false,
    },
    services: [],
    updatedAt: null,
    updatedBy: null,
    ...over,
  }
}

/** A ContinuityReader over fixed lists (the bcp module's own reader lands separately). */
export function fakeContinuity(services: ClinicalService[], plans: DevicePlan[]): ContinuityReader {
  return {
    services: async () => ({ items: services, warnings: [] }),
    devicePlans: async (ids) =>
      ids.map((id) => {
        const p = plans.find((x) => x.deviceId === id || x.device.assetTag === id)
        if (!p) throw MamoriError.of('NOT_FOUND', { what: { en: 'device', ja: '機器' }, id })
        return p
      }),
    plannedDeviceIds: async () => plans.map((p) => p.deviceId),
    servicesDependingOn: async (id) => plans.find((p) => p.deviceId === id)?.services ?? [],
  }
}
