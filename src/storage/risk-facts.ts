import type { CompiledQuery, Kysely } from 'kysely'
import {
  type DeviceRiskFacts,
  DISCLOSURE_QUESTIONS,
  type DisclosureFacts,
  disclosureFactsOf,
  unobservedFacts,
} from '../core/risk/facts.js'
import type { Database } from './schema.js'
import { slices } from './vuln-bulk.js'

const parseList = (s: string | null): string[] => {
  if (!s || s === '[]') return []
  try {
    const v = JSON.parse(s)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** A JSON list column holds at least one item (without parsing it: '[]', '' and null are empty). */
const hasItems = (s: string | null) => s !== null && s !== '' && s !== '[]' && parseList(s).length > 0

interface DeviceRow {
  id: string
  site_id: string
  asset_tag: string | null
  name: string | null
  manufacturer: string | null
  model: string | null
  department: string | null
  location: string | null
  kind: string
  category: string
  patient_proximity: number | null
  life_critical: number
  os: string | null
  os_version: string | null
  network_segment: string | null
  connection_types: string | null
  ip_addresses: string | null
  mac_addresses: string | null
  support_end: string | null
  service_life_end: string | null
  tags: string | null
}

/**
 * A query compiled by Kysely (snake_case names) run without its plugins: 100,000 rows through the camelCase result
 * plugin cost more than the query itself (ADR 0033 bench); the caller reads snake_case keys.
 */
async function raw<R>(db: Kysely<Database>, q: CompiledQuery): Promise<R[]> {
  return (await db.withoutPlugins().executeQuery<R>(q)).rows
}

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low'])

/**
 * Every scorable device's risk facts with a handful of set-based queries (ADR 0033): the devices (decommissioned
 * left out), open findings grouped by device, severity and rule, the latest scan that saw each device up with its
 * open ports, affected vulnerability matches joined to CVSS/KEV/EPSS (false positives people marked left out), the
 * model links, and the newest disclosure of each linked model with the few answers scoring reads.
 * `deviceIds` narrows every query to those devices (chunked IN lists).
 */
export async function loadRiskFacts(
  db: Kysely<Database>,
  opts: { deviceIds?: readonly string[] } = {},
): Promise<DeviceRiskFacts[]> {
  const only = opts.deviceIds ? slices(opts.deviceIds) : [null]
  const facts = new Map<string, DeviceRiskFacts>()
  for (const part of only) {
    let q = db
      .selectFrom('devices')
      .select([
        'id',
        'siteId',
        'assetTag',
        'name',
        'manufacturer',
        'model',
        'department',
        'location',
        'kind',
        'category',
        'patientProximity',
        'lifeCritical',
        'os',
        'osVersion',
        'networkSegment',
        'connectionTypes',
        'ipAddresses',
        'macAddresses',
        'supportEnd',
        'serviceLifeEnd',
        'tags',
      ])
      .where('status', '!=', 'decommissioned')
    if (part) q = q.where('id', 'in', part)
    for (const d of await raw<DeviceRow>(db, q.compile()))
      facts.set(d.id, {
        deviceId: d.id,
        siteId: d.site_id,
        assetTag: d.asset_tag,
        name: d.name,
        manufacturer: d.manufacturer,
        model: d.model,
        department: d.department,
        location: d.location,
        kind: d.kind,
        category: d.category,
        patientProximity: d.patient_proximity === null ? null : Number(d.patient_proximity),
        lifeCritical: Number(d.life_critical) === 1,
        os: d.os,
        osVersion: d.os_version,
        networkSegment: d.network_segment,
        connectionTypes: parseList(d.connection_types),
        hasAddresses: hasItems(d.ip_addresses) || hasItems(d.mac_addresses),
        supportEnd: d.support_end ? d.support_end.slice(0, 10) : null,
        serviceLifeEnd: d.service_life_end ? d.service_life_end.slice(0, 10) : null,
        tags: parseList(d.tags),
        ...unobservedFacts(),
      })
  }
  if (facts.size === 0) return []
  // Open findings of every source, by device, severity and rule.
  for (const part of only) {
    let q = db
      .selectFrom('findings')
      .select(['deviceId', 'severity', 'ruleId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'open')
      .where('deviceId', 'is not', null)
      .groupBy(['deviceId', 'severity', 'ruleId'])
    if (part) q = q.where('deviceId', 'in', part)
    for (const r of await q.execute()) {
      const f = facts.get(r.deviceId!)
      if (!f) continue
      if (SEVERITIES.has(r.severity)) f.findings[r.severity as keyof DeviceRiskFacts['findings']] += Number(r.n)
      if (!f.findingRules.includes(r.ruleId)) (f.findingRules as string[]).push(r.ruleId)
    }
  }

  // The latest scan host that saw each device up, and its open ports. A passive capture (profile 'passive') says
  // when the device was last heard, but its open ports come from the latest active scan: listening hears only the
  // services that happened to be used.
  const latest = new Map<string, { hostId: string; at: string }>()
  const heardAt = new Map<string, string>()
  for (const part of only) {
    let q = db
      .selectFrom('scanHosts')
      .innerJoin('scans', 'scans.id', 'scanHosts.scanId')
      .select([
        'scanHosts.id',
        'scanHosts.deviceId',
        'scans.finishedAt',
        'scans.startedAt',
        'scans.createdAt',
        'scans.profile',
      ])
      .where('scanHosts.deviceId', 'is not', null)
      .where('scanHosts.state', '=', 'up')
    if (part) q = q.where('scanHosts.deviceId', 'in', part)
    for (const r of await q.execute()) {
      const at = r.finishedAt ?? r.startedAt ?? r.createdAt
      if (r.profile === 'passive') {
        if (at > (heardAt.get(r.deviceId!) ?? '')) heardAt.set(r.deviceId!, at)
        continue
      }
      const had = latest.get(r.deviceId!)
      if (!had || at > had.at) latest.set(r.deviceId!, { hostId: r.id, at })
    }
  }
  const hostDevice = new Map<string, string>()
  for (const [deviceId, l] of latest) {
    const f = facts.get(deviceId)
    if (!f) continue
    f.lastSeenAt = l.at
    hostDevice.set(l.hostId, deviceId)
  }
  for (const [deviceId, at] of heardAt) {
    const f = facts.get(deviceId)
    if (f && (f.lastSeenAt === null || at > f.lastSeenAt)) f.lastSeenAt = at
  }

  // Internet traffic from passive capture (issue 12): true when a capture heard the device talk to an internet
  // address, false when captures heard the device but never that, null when no capture ever heard it.
  for (const r of await db
    .selectFrom('captureHosts')
    .select('deviceId')
    .distinct()
    .where('deviceId', 'is not', null)
    .execute()) {
    const f = facts.get(r.deviceId as string)
    if (f) f.internetTraffic = false
  }
  for (const r of await db
    .selectFrom('trafficEdges')
    .select(['clientDeviceId', 'serverDeviceId'])
    .where('external', '=', 1)
    .execute()) {
    for (const id of [r.clientDeviceId, r.serverDeviceId]) {
      const f = id ? facts.get(id) : undefined
      if (f) f.internetTraffic = true
    }
  }
  // Open ports of device-linked hosts in one pass (no IN lists), kept for each device's latest host only.
  let services = db
    .selectFrom('scanServices')
    .innerJoin('scanHosts', 'scanHosts.id', 'scanServices.scanHostId')
    .select(['scanServices.scanHostId', 'scanServices.port', 'scanServices.transport', 'scanServices.service'])
    .where('scanServices.state', '=', 'open')
    .where('scanHosts.deviceId', 'is not', null)
    .orderBy('scanServices.port')
  // A few devices (explain): narrow in SQL; otherwise the map below keeps only the latest hosts anyway.
  if (opts.deviceIds && hostDevice.size <= 1_000)
    services = services.where('scanHosts.deviceId', 'in', [...hostDevice.values()])
  if (hostDevice.size > 0)
    for (const r of await raw<{ scan_host_id: string; port: number; transport: string; service: string | null }>(
      db,
      services.compile(),
    )) {
      const deviceId = hostDevice.get(r.scan_host_id)
      const f = deviceId ? facts.get(deviceId) : undefined
      if (f)
        (f.openServices as DeviceRiskFacts['openServices'][number][]).push({
          port: Number(r.port),
          transport: r.transport,
          service: r.service,
        })
    }

  // Affected vulnerability matches with CVSS, KEV and EPSS; matches people marked false positive are left out.
  for (const part of only) {
    let q = db
      .selectFrom('vulnMatches as m')
      .leftJoin('cves', 'cves.id', 'm.cve')
      .leftJoin('kevEntries', 'kevEntries.cveId', 'm.cve')
      .leftJoin('epssScores', 'epssScores.cveId', 'm.cve')
      .select([
        'm.deviceId',
        'm.cve',
        'cves.cvss3Score',
        'cves.cvss3Vector',
        'cves.cvss4Score',
        'cves.cvss4Vector',
        'kevEntries.cveId as kev',
        'kevEntries.ransomware',
        'epssScores.score as epss',
      ])
      .where('m.decision', '=', 'affected')
      .where('m.cve', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('matchReviews as r')
              .select('r.id')
              .whereRef('r.reviewKey', '=', 'm.reviewKey')
              .where('r.decision', '=', 'false-positive')
              .where((eb) =>
                eb.or([eb('r.deviceId', '=', eb.ref('m.deviceId')), eb('r.modelId', '=', eb.ref('m.modelId'))]),
              ),
          ),
        ),
      )
    if (part) q = q.where('m.deviceId', 'in', part)
    for (const r of await q.execute()) {
      const f = facts.get(r.deviceId)
      if (!f || !r.cve) continue
      if (r.kev && !f.kevCves.includes(r.cve)) (f.kevCves as string[]).push(r.cve)
      if (r.kev && Number(r.ransomware) === 1 && !f.ransomwareCves.includes(r.cve)) {
        ;(f.ransomwareCves as string[]).push(r.cve)
        f.publicExploit = true
      }
      if (r.epss !== null && r.epss !== undefined && (!f.maxEpss || Number(r.epss) > f.maxEpss.score))
        f.maxEpss = { cve: r.cve, score: Number(r.epss) }
      const score = r.cvss3Score ?? r.cvss4Score
      if (score !== null && score !== undefined && (!f.cvss || Number(score) > f.cvss.score))
        f.cvss = {
          cve: r.cve,
          score: Number(score),
          vector: r.cvss3Score !== null && r.cvss3Score !== undefined ? r.cvss3Vector : r.cvss4Vector,
        }
    }
  }
  for (const f of facts.values()) {
    ;(f.kevCves as string[]).sort()
    ;(f.ransomwareCves as string[]).sort()
  }

  // Model links, and the newest disclosure of each linked model.
  const modelOf = new Map<string, string>()
  for (const part of only) {
    let q = db.selectFrom('deviceModelLinks').select(['deviceId', 'modelId', 'state', 'confidence'])
    if (part) q = q.where('deviceId', 'in', part)
    for (const r of await q.execute()) {
      const f = facts.get(r.deviceId)
      if (!f) continue
      f.identification = {
        state: r.state === 'confirmed' ? 'confirmed' : 'suggested',
        confidence: r.confidence === null ? null : Number(r.confidence),
      }
      modelOf.set(r.deviceId, r.modelId)
    }
  }
  if (modelOf.size > 0) {
    const newest = new Map<string, { id: string; at: string }>()
    for (const models of slices([...new Set(modelOf.values())]))
      for (const d of await db
        .selectFrom('disclosures')
        .select(['id', 'modelId', 'importedAt'])
        .where('modelId', 'in', models)
        .execute()) {
        const had = newest.get(d.modelId!)
        if (!had || d.importedAt > had.at || (d.importedAt === had.at && d.id > had.id))
          newest.set(d.modelId!, { id: d.id, at: d.importedAt })
      }
    const answers = new Map<string, Map<string, string | null>>()
    for (const ids of slices([...newest.values()].map((n) => n.id)))
      for (const a of await db
        .selectFrom('disclosureAnswers')
        .select(['disclosureId', 'questionId', 'value'])
        .where('disclosureId', 'in', ids)
        .where('questionId', 'in', [...DISCLOSURE_QUESTIONS])
        .execute()) {
        const m = answers.get(a.disclosureId) ?? new Map<string, string | null>()
        answers.set(a.disclosureId, m)
        m.set(a.questionId, a.value)
      }
    const byModel = new Map<string, DisclosureFacts>()
    for (const [modelId, n] of newest) byModel.set(modelId, disclosureFactsOf(answers.get(n.id) ?? new Map()))
    for (const [deviceId, modelId] of modelOf) {
      const f = facts.get(deviceId)
      const d = byModel.get(modelId)
      if (f && d) f.disclosure = d
    }
  }
  return [...facts.values()]
}
