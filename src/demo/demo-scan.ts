import type { Kysely } from 'kysely'
import type { Scan } from '../../api/discovery.js'
import type { Actor } from '../core/actor.js'
import type { HostObservation } from '../core/discovery/observation.js'
import type { Database } from '../storage/schema.js'
import { demoDeviceViews } from './load-demo.js'
import { demoObservations } from './observations.js'

/** The one method of the scan service the demo scan needs. */
export interface ObservationImporter {
  importObservations(
    hosts: HostObservation[],
    source: { label: string; file: string },
    actor: Actor,
    opts?: { trigger?: 'cli' | 'user' },
  ): Promise<Scan>
}

/**
 * Records the demo hospital's fictional gentle scan (src/demo/observations.ts) as a finished scan labelled "demo",
 * through the real reconciliation and finding rules, so a newcomer sees findings, actions and risk at once. Sends no
 * traffic. Returns null when the ledger has no scannable demo device.
 */
export async function recordDemoScan(
  db: Kysely<Database>,
  scans: ObservationImporter,
  actor: Actor,
): Promise<Scan | null> {
  const hosts = demoObservations(await demoDeviceViews(db))
  if (hosts.length === 0) return null
  return scans.importObservations(hosts, { label: 'demo', file: 'みなと総合病院 (demo, no traffic sent)' }, actor, {
    trigger: 'cli',
  })
}
