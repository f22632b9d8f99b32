import type { Kysely } from 'kysely'
import type { AuditEntry } from '../../api/common.js'
import { auditPage } from './audit-repository.js'
import type { Database } from './schema.js'

/**
 * One device's story from the audit log, newest first: every change to the device itself (created, edited,
 * imported, deleted) and every decision on its findings (risk accepted, fixed, reopened).
 */
export async function deviceHistory(
  db: Kysely<Database>,
  deviceId: string,
  q: { limit: number; offset: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  const findingIds = (
    await db.selectFrom('findings').select('id').where('deviceId', '=', deviceId).limit(5000).execute()
  ).map((f) => f.id)
  const base = db
    .selectFrom('auditLog')
    .where((eb) =>
      eb.or([
        eb.and([eb('targetType', '=', 'device'), eb('targetId', '=', deviceId)]),
        ...(findingIds.length > 0
          ? [eb.and([eb('targetType', '=', 'finding'), eb('targetId', 'in', findingIds)])]
          : []),
      ]),
    )
  return auditPage(base, q)
}

function recordOf(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

/**
 * Adds `targetLabel` to audit entries: what a person recognises the target by instead of its UUID — a device's
 * asset tag (or name, or address; from the ledger, else from the entry itself for deleted devices), a scope's
 * range, an exclusion's address, a scan's targets, a user's name, a finding's title, a catalog model's maker and
 * name, a disclosure's form, model and file (an alias by the name in its before/after).
 */
export async function withTargetLabels(db: Kysely<Database>, items: AuditEntry[]): Promise<AuditEntry[]> {
  const ids = (type: string) => [
    ...new Set(items.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId as string)),
  ]
  const labels = new Map<string, string>()
  const deviceIds = ids('device')
  if (deviceIds.length > 0) {
    for (const d of await db
      .selectFrom('devices')
      .select(['id', 'assetTag', 'name', 'hostname', 'ipAddresses'])
      .where('id', 'in', deviceIds)
      .execute()) {
      const ips: string[] = JSON.parse(d.ipAddresses)
      const label = d.assetTag ?? d.name ?? d.hostname ?? ips[0]
      if (label) labels.set(`device:${d.id}`, label)
    }
  }
  const scopeIds = ids('scan_scope')
  if (scopeIds.length > 0)
    for (const s of await db.selectFrom('scanScopes').select(['id', 'target']).where('id', 'in', scopeIds).execute())
      labels.set(`scan_scope:${s.id}`, s.target)
  const scanIds = ids('scan')
  if (scanIds.length > 0)
    for (const s of await db.selectFrom('scans').select(['id', 'targets']).where('id', 'in', scanIds).execute())
      labels.set(`scan:${s.id}`, (JSON.parse(s.targets) as string[]).join(', '))
  const userIds = ids('user')
  if (userIds.length > 0)
    for (const u of await db.selectFrom('users').select(['id', 'username']).where('id', 'in', userIds).execute())
      labels.set(`user:${u.id}`, u.username)
  const findingIds = ids('finding')
  if (findingIds.length > 0)
    for (const f of await db
      .selectFrom('findings')
      .leftJoin('devices', 'devices.id', 'findings.deviceId')
      .select(['findings.id', 'findings.address', 'findings.port', 'findings.ruleId', 'devices.assetTag'])
      .where('findings.id', 'in', findingIds)
      .execute())
      labels.set(
        `finding:${f.id}`,
        `${f.ruleId} — ${f.assetTag ?? f.address ?? ''}${f.port !== null ? `:${f.port}` : ''}`,
      )
  const modelIds = ids('device_model')
  if (modelIds.length > 0)
    for (const m of await db
      .selectFrom('deviceModels')
      .select(['id', 'vendor', 'name'])
      .where('id', 'in', modelIds)
      .execute())
      labels.set(`device_model:${m.id}`, `${m.vendor} ${m.name}`)
  const aliasIds = ids('manufacturer_alias')
  if (aliasIds.length > 0)
    for (const a of await db
      .selectFrom('manufacturerAliases')
      .select(['id', 'alias', 'vendor'])
      .where('id', 'in', aliasIds)
      .execute())
      labels.set(`manufacturer_alias:${a.id}`, `${a.alias} → ${a.vendor}`)
  const disclosureIds = ids('disclosure')
  if (disclosureIds.length > 0)
    for (const d of await db
      .selectFrom('disclosures')
      .leftJoin('deviceModels', 'deviceModels.id', 'disclosures.modelId')
      .select([
        'disclosures.id',
        'disclosures.form',
        'disclosures.fileName',
        'deviceModels.vendor',
        'deviceModels.name',
      ])
      .where('disclosures.id', 'in', disclosureIds)
      .execute())
      labels.set(
        `disclosure:${d.id}`,
        `${d.form}${d.vendor ? ` — ${d.vendor} ${d.name}` : ''}${d.fileName ? ` (${d.fileName})` : ''}`,
      )
  // Vulnerability intelligence (issue 9): an SBOM by its file and model, a component by name and version, a decision
  // on a match by what it is about, a feed source by its id (it is its name: kev, nvd, csaf:<provider>).
  const sbomIds = ids('sbom')
  if (sbomIds.length > 0)
    for (const b of await db
      .selectFrom('sboms')
      .leftJoin('deviceModels', 'deviceModels.id', 'sboms.modelId')
      .select(['sboms.id', 'sboms.format', 'sboms.fileName', 'deviceModels.vendor', 'deviceModels.name'])
      .where('sboms.id', 'in', sbomIds)
      .execute())
      labels.set(`sbom:${b.id}`, `SBOM ${b.fileName ?? b.format}${b.vendor ? ` — ${b.vendor} ${b.name}` : ''}`)
  const componentIds = ids('component')
  if (componentIds.length > 0)
    for (const c of await db
      .selectFrom('components')
      .select(['id', 'name', 'version'])
      .where('id', 'in', componentIds)
      .execute())
      labels.set(`component:${c.id}`, `${c.name}${c.version ? ` ${c.version}` : ''}`)
  const reviewIds = ids('match_review')
  if (reviewIds.length > 0)
    for (const r of await db
      .selectFrom('matchReviews')
      .leftJoin('deviceModels', 'deviceModels.id', 'matchReviews.modelId')
      .leftJoin('devices', 'devices.id', 'matchReviews.deviceId')
      .select([
        'matchReviews.id',
        'matchReviews.reviewKey',
        'deviceModels.vendor',
        'deviceModels.name',
        'devices.assetTag',
      ])
      .where('matchReviews.id', 'in', reviewIds)
      .execute())
      labels.set(
        `match_review:${r.id}`,
        `${r.reviewKey
          .split('|')
          .slice(0, 2)
          .filter((k) => k !== '-' && k !== 'cpe')
          .join(' ')} — ${r.vendor ? `${r.vendor} ${r.name}` : (r.assetTag ?? '')}`,
      )
  for (const type of ['feed', 'feed_source']) for (const id of ids(type)) labels.set(`${type}:${id}`, id)
  return items.map((e) => {
    if (!e.targetType || !e.targetId) return { ...e, targetLabel: null }
    const known = labels.get(`${e.targetType}:${e.targetId}`)
    if (known) return { ...e, targetLabel: known }
    // Deleted since: the entry's own before/after still say what it was.
    const snap = recordOf(e.before) ?? recordOf(e.after)
    const fromSnap =
      snap &&
      ['assetTag', 'name', 'target', 'address', 'username', 'alias', 'fileName']
        .map((k) => snap[k])
        .find((v) => typeof v === 'string' && v)
    return { ...e, targetLabel: typeof fromSnap === 'string' ? fromSnap : null }
  })
}
