import type { AdvisoryDocument, CveRecord, VulnMatch } from '../../src/core/vulns/model.js'
import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { buildDevice } from '../factories.js'

/** What the vulnerability storage tests share: an actor, two catalog models, three devices, a user. */
export const alice = { id: null, name: 'alice' }

export interface Seeded {
  modelA: string
  modelB: string
  /** d1 and d2 are model A, d3 model B. */
  d1: string
  d2: string
  d3: string
  userId: string
}

export async function seed(storage: Storage): Promise<Seeded> {
  const ledger = new DeviceRepository(storage.db)
  const [d1, d2, d3] = await ledger.createMany(
    [
      buildDevice({ assetTag: 'ME-001', manufacturer: 'フィリップス・ジャパン', model: 'IntelliVue MX40' }),
      buildDevice({ assetTag: 'ME-002', manufacturer: 'Philips', model: 'IntelliVue MX40' }),
      buildDevice({ assetTag: 'ME-003', manufacturer: 'Acme', model: 'Pump 7' }),
    ],
    alice,
  )
  const now = '2026-12-01T00:00:00.000Z'
  const model = (id: string, vendor: string, name: string) => ({
    id,
    vendor,
    vendorKey: vendor.toLowerCase(),
    name,
    nameKey: name.toLowerCase(),
    versionFrom: '',
    versionTo: '',
    createdAt: now,
    updatedAt: now,
  })
  await storage.db
    .insertInto('deviceModels')
    .values([model('model-a', 'Philips', 'IntelliVue MX40'), model('model-b', 'Acme', 'Pump 7')])
    .execute()
  await storage.db
    .insertInto('users')
    .values({
      id: 'user-1',
      username: 'nurse',
      displayName: 'Nurse',
      role: 'viewer',
      passwordHash: 'x',
      disabled: 0,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    })
    .execute()
  return { modelA: 'model-a', modelB: 'model-b', d1: d1!.id, d2: d2!.id, d3: d3!.id, userId: 'user-1' }
}

/** A small advisory document (the shape the CSAF reader gives), with one score per vulnerability. */
export function advisory(
  id: string,
  o: Partial<AdvisoryDocument> & { cves?: [string, number][] } = {},
): AdvisoryDocument {
  const { cves = [['CVE-2020-6961', 9.1]], ...rest } = o
  return {
    id,
    source: 'csaf',
    category: 'csaf_security_advisory',
    title: `Philips IntelliVue Patient Monitors (${id})`,
    titleJa: null,
    summaryEn: null,
    summaryJa: null,
    publisher: 'CISA',
    version: '1',
    released: '2020-02-18T00:00:00Z',
    updated: '2020-02-18T00:00:00Z',
    url: null,
    products: [],
    vulnerabilities: cves.map(([cve, score], i) => ({
      cve,
      title: null,
      cwe: null,
      status: {},
      scores: [{ cvssV3: { version: '3.1', vector: 'CVSS:3.1/AV:N', baseScore: score }, productIds: [] }],
      remediations: [],
      justifications: {},
      path: `vulnerabilities[${i}]`,
    })),
    ...rest,
  }
}

/** A CVE record with one configuration naming these CPE criteria (OR). */
export function cve(id: string, criteria: string[], o: Partial<CveRecord> = {}): CveRecord {
  return {
    id,
    source: 'nvd',
    publishedAt: '2024-01-01T00:00:00Z',
    modifiedAt: '2024-01-02T00:00:00Z',
    descriptionEn: `${id} description`,
    descriptionJa: null,
    cvss3: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
    cvss4: null,
    cwes: ['CWE-79'],
    configurations:
      criteria.length === 0
        ? []
        : [{ nodes: [{ operator: 'OR', cpeMatch: criteria.map((c) => ({ vulnerable: true, criteria: c })) }] }],
    ...o,
  }
}

/** An engine answer for a device. */
export function match(id: string, deviceId: string, o: Partial<VulnMatch> = {}): VulnMatch {
  return {
    id,
    deviceId,
    modelId: null,
    cve: 'CVE-2020-6961',
    advisoryId: 'ICSMA-20-049-01',
    componentId: null,
    via: 'csaf',
    reviewKey: `ICSMA-20-049-01|CVE-2020-6961|${id}`,
    productLabel: 'IntelliVue MX40',
    decision: 'affected',
    confidence: 0.9,
    reasons: [],
    vex: null,
    ...o,
  }
}
