import { sql } from 'kysely'
import type { AcceptancePorts } from '../core/acceptance/store.js'
import type { ActionPorts } from '../core/actions/store.js'
import type { BcpPorts } from '../core/bcp/store.js'
import type { BcpPlansPorts } from '../core/bcp-plans/store.js'
import type { BenchmarkPorts } from '../core/benchmark/store.js'
import type { ChecklistPorts } from '../core/checklist/store.js'
import type { OperationsPorts } from '../core/operations/store.js'
import type { Ports } from '../core/ports.js'
import type { ProcurementPorts } from '../core/procurement/store.js'
import type { ReportPorts } from '../core/reports/store.js'
import type { RiskPorts } from '../core/risk/store.js'
import type { CapturePorts } from '../core/traffic/store.js'
import { acceptanceStoragePorts } from './acceptance-repository.js'
import { actionsStoragePorts } from './actions-repository.js'
import { AuditRepository } from './audit-repository.js'
import { DatabaseBackupStore } from './backup-store.js'
import { bcpPlansStoragePorts } from './bcp-plans-repository.js'
import { bcpStoragePorts } from './bcp-repository.js'
import { benchmarkStoragePorts } from './benchmark-repository.js'
import { captureStoragePorts } from './capture-repository.js'
import { checklistStoragePorts } from './checklist-repository.js'
import type { Storage } from './database.js'
import { createDeviceImportStore } from './device-import-store.js'
import { DeviceRepository } from './device-repository.js'
import { DisclosureRepository } from './disclosure-repository.js'
import { DiscoveryRepository } from './discovery-repository.js'
import { JobRepository } from './job-repository.js'
import { ModelCatalogRepository } from './model-catalog-repository.js'
import { operationsStoragePorts } from './operations-repository.js'
import { procurementStoragePorts } from './procurement-repository.js'
import { reportsStoragePorts } from './reports-repository.js'
import { riskStoragePorts } from './risk-repository.js'
import { ScanScheduleRepository } from './scan-schedule-repository.js'
import { UserRepository } from './user-repository.js'
import { VulnDeviceRepository } from './vuln-devices.js'
import { VulnRepository } from './vuln-repository.js'

/** The ports as the database implements them, plus the schedule and import stores. */
export interface StoragePorts
  extends Ports,
    RiskPorts,
    ActionPorts,
    ChecklistPorts,
    BenchmarkPorts,
    ReportPorts,
    ProcurementPorts,
    AcceptancePorts,
    OperationsPorts,
    BcpPorts,
    BcpPlansPorts,
    CapturePorts {
  ledger: DeviceRepository
  users: UserRepository
  discovery: DiscoveryRepository
  schedules: ScanScheduleRepository
  importStore: ReturnType<typeof createDeviceImportStore>
  disclosures: DisclosureRepository
  vulnDevices: VulnDeviceRepository
}

/** Creates every repository over one storage: the only place that does (server and CLI go through here). */
export function storagePorts(storage: Pick<Storage, 'db' | 'dialect'>): StoragePorts {
  return {
    ledger: new DeviceRepository(storage.db),
    users: new UserRepository(storage.db),
    audit: new AuditRepository(storage.db),
    discovery: new DiscoveryRepository(storage.db),
    jobs: new JobRepository(storage.db),
    backup: new DatabaseBackupStore(storage.db),
    schedules: new ScanScheduleRepository(storage.db),
    importStore: createDeviceImportStore(storage.db),
    catalog: new ModelCatalogRepository(storage.db),
    disclosures: new DisclosureRepository(storage.db),
    vulns: new VulnRepository(storage.db),
    vulnDevices: new VulnDeviceRepository(storage.db),
    database: {
      dialect: storage.dialect,
      ping: async () => {
        await sql`select 1`.execute(storage.db)
      },
    },
    clock: { now: () => new Date() },
    // Issue 10: each module spreads its own repositories (src/storage/<module>-repository.ts).
    ...riskStoragePorts(storage.db),
    ...actionsStoragePorts(storage.db),
    ...checklistStoragePorts(storage.db),
    ...benchmarkStoragePorts(storage.db),
    ...reportsStoragePorts(storage.db),
    // Issue 11.
    ...procurementStoragePorts(storage.db),
    ...acceptanceStoragePorts(storage.db),
    ...operationsStoragePorts(storage.db),
    ...bcpStoragePorts(storage.db),
    ...bcpPlansStoragePorts(storage.db),
    // Issue 12.
    ...captureStoragePorts(storage.db),
  }
}
