import type { Config } from '../config.js'
import type { AcceptancePorts } from '../core/acceptance/store.js'
import type { ActionPorts } from '../core/actions/store.js'
import type { Actor } from '../core/actor.js'
import type { BcpPorts } from '../core/bcp/store.js'
import type { BcpPlansPorts } from '../core/bcp-plans/store.js'
import type { BenchmarkPorts } from '../core/benchmark/store.js'
import type { ChecklistPorts } from '../core/checklist/store.js'
import type { OperationsPorts } from '../core/operations/store.js'
import type { DisclosureStore, Ports, ScanStore } from '../core/ports.js'
import type { ProcurementPorts } from '../core/procurement/store.js'
import type { ReportPorts } from '../core/reports/store.js'
import type { RiskPorts } from '../core/risk/store.js'
import type { CapturePorts } from '../core/traffic/store.js'
import type { VulnDeviceStore } from '../core/vulns/store.js'
import { acceptanceModule } from './acceptance/index.js'
import { actionsModule } from './actions/index.js'
import { AssessmentRefresh } from './assessment-refresh.js'
import { BackupService } from './backup.js'
import { bcpModule } from './bcp/index.js'
import { bcpPlansModule } from './bcp-plans/index.js'
import { benchmarkModule } from './benchmark/index.js'
import { captureModule } from './capture/index.js'
import { checklistModule } from './checklist/index.js'
import { DeviceService } from './devices.js'
import { DisclosureDocuments } from './disclosure-documents.js'
import { DisclosureService } from './disclosures.js'
import { FeedService } from './feeds/feed-service.js'
import { FindingReviewService } from './finding-review.js'
import { FirstStepsService } from './first-steps.js'
import { ImportJobs, type ImportStore } from './import-jobs.js'
import { forgetInitialPassword } from './initial-password.js'
import { JobRunner } from './job-runner.js'
import { ModelCatalogService } from './model-catalog.js'
import type { AssessmentReaders } from './module-common.js'
import { NotifyService } from './notify/channels.js'
import { operationsModule } from './operations/index.js'
import { procurementModule } from './procurement/index.js'
import { ReconciliationService } from './reconciliation.js'
import { reportsModule } from './reports/index.js'
import { riskModule } from './risk/index.js'
import { ScanScheduler, type ScanScheduleStore } from './scan-scheduler.js'
import { ScanService } from './scan-service.js'
import { ScopeService } from './scopes.js'
import { UserService } from './users.js'
import { SbomService } from './vulns/sbom-service.js'
import { VulnMatchService } from './vulns/vuln-match-service.js'
import { VulnViews } from './vulns/vuln-views.js'

/** The ports plus the stores the scan and import services write through. */
export interface ServicePorts
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
  /** Scopes, scans, hosts and findings: what discovery reads and what a running scan writes. */
  discovery: Ports['discovery'] & ScanStore
  schedules: ScanScheduleStore
  importStore: ImportStore
  disclosures: DisclosureStore
  /** The ledger as vulnerability matching reads it. */
  vulnDevices: VulnDeviceStore
}

/**
 * The one wiring point (Immich `base.service.ts`): every service, built from the ports, for the server
 * (`server/context.ts`) and every CLI command (`cli/context.ts` `withServices`). Add a service with one line.
 */
export function buildServices(ports: ServicePorts, config: Config) {
  const jobs = new JobRunner({ jobs: ports.jobs, audit: ports.audit })
  let recovery: Promise<void> | null = null
  const scans = new ScanService({ discovery: ports.discovery, ledger: ports.ledger, audit: ports.audit, jobs })
  const schedules = new ScanScheduler(ports.schedules, scans, ports.audit)
  const devices = new DeviceService(ports.ledger, ports.clock)
  const reconciliation = new ReconciliationService(ports.discovery, ports.ledger, devices)
  const findings = new FindingReviewService(ports.discovery)
  const catalog = new ModelCatalogService(ports.catalog, ports.ledger)
  const disclosures = new DisclosureService(ports.disclosures, ports.discovery, catalog, ports.audit, ports.clock, jobs)
  const vulnMatch = new VulnMatchService(
    ports.vulns,
    ports.vulnDevices,
    ports.discovery,
    catalog,
    ports.audit,
    ports.clock,
    jobs,
  )
  const rematch = (actor: Actor, deviceIds: readonly string[]) =>
    deviceIds.length > 0 ? vulnMatch.run(actor, { deviceIds }) : Promise.resolve(null)
  catalog.onLinksChanged = async (actor, change) => {
    await disclosures.afterLinksChanged(actor, change)
    // A device confirmed as (or moved off) a model gains or loses the model's components and VEX.
    await rematch(actor, change.deviceIds)
  }
  // Feeds and notifications (ADR 0032); the lead wires feeds.afterIngest to the matching run.
  const notify = new NotifyService(ports.vulns, ports.clock)
  const feeds = new FeedService({ store: ports.vulns, audit: ports.audit, clock: ports.clock, jobs, catalog })
  feeds.onNotification = (n) => notify.deliver(n)
  vulnMatch.deliver = (n) => notify.deliver(n)
  // New advisories, CVEs, KEV/EPSS or VEX: every device is matched again and new affected matches are notified.
  feeds.afterIngest = async ({ actor }) => ({ newMatches: (await vulnMatch.run(actor)).added })
  // Issue 10: risk, actions, checklist, benchmarking, reports — one module each (src/services/<module>/index.ts).
  const common = { jobs, audit: ports.audit, clock: ports.clock, notify, config, catalog }
  const riskMod = riskModule(ports, common)
  const actionsMod = actionsModule(ports, common)
  const checklistMod = checklistModule(ports, common)
  const benchmarkMod = benchmarkModule(ports, common, {
    risk: riskMod.risk,
    actions: actionsMod.actions,
    checklist: checklistMod.checklist,
  })
  const readers: AssessmentReaders = {
    risk: riskMod.risk,
    actions: actionsMod.actions,
    checklist: checklistMod.checklist,
    benchmark: benchmarkMod.benchmark,
  }
  const reportsMod = reportsModule(ports, common, readers)
  // Whatever changes findings or devices regroups the action plan and re-scores risk (ADR 0033/0034).
  const refresh = new AssessmentRefresh(async (actor) => {
    await readers.actions.sync(actor)
    await readers.risk.rescore(actor)
  })
  // Issue 11: procurement, acceptance and decommissioning, operations, continuity — one module each.
  const procurementMod = procurementModule(ports, common)
  const operationsMod = operationsModule(ports, common)
  const bcpMod = bcpModule(ports, common)
  const bcpPlansMod = bcpPlansModule(ports, common, bcpMod.bcp)
  const acceptanceMod = acceptanceModule(ports, common, { devices, scans, disclosures, continuity: bcpMod.bcp })
  // Issue 12: passive discovery records what it heard through the scan service (same rules, same reconciliation).
  const captureMod = captureModule(ports, common, { scans })
  const imports = new ImportJobs({ store: ports.importStore, jobs })
  for (const s of [scans, vulnMatch, disclosures, findings, imports, captureMod.captures])
    s.afterChange = (a) => refresh.after(a)
  // A single ledger edit does not wait for the re-score (an edit stays fast); closing waits for it (onClose).
  devices.afterChange = async (a) => void refresh.after(a)
  // Accepting or withdrawing an action's risk changes its findings: re-score (sync itself never calls this).
  actionsMod.actions.afterChange = async (a) => void refresh.after(a)
  return {
    ...riskMod,
    ...actionsMod,
    ...checklistMod,
    ...benchmarkMod,
    ...reportsMod,
    ...procurementMod,
    ...operationsMod,
    ...bcpMod,
    ...bcpPlansMod,
    ...acceptanceMod,
    ...captureMod,
    ports,
    audit: ports.audit,
    database: ports.database,
    // Any password change deletes the generated initial password file once it is stale.
    users: new UserService(ports.users, ports.audit, { afterPasswordChange: forgetInitialPassword(config.dataDir) }),
    devices,
    reconciliation,
    scopes: new ScopeService(ports.discovery),
    catalog,
    disclosures,
    disclosureDocuments: new DisclosureDocuments(ports.disclosures, ports.ledger, ports.clock),
    findings,
    feeds,
    notify,
    vulnMatch,
    vulnViews: new VulnViews(ports.vulns, ports.vulnDevices, ports.clock, rematch),
    sboms: new SbomService(ports.vulns, ports.ledger, catalog, ports.clock, rematch),
    firstSteps: new FirstStepsService(ports.ledger, ports.discovery, findings, reconciliation),
    backup: new BackupService(ports.backup, ports.audit),
    jobs,
    imports,
    assessmentRefresh: refresh,
    scans,
    schedules,
    /**
     * Startup work to finish before the first request or command runs: jobs a dead process left running fail with
     * JOB_INTERRUPTED. Runs once, however often it is called; `buildApp` and the CLI's `withServices` await it, so a
     * short command never closes the database while it runs. A failure is a warning: the jobs stay as they were.
     */
    ready: (): Promise<void> =>
      (recovery ??= jobs.recoverInterrupted().then(
        () => undefined,
        (err: unknown) => process.emitWarning(`Recovering interrupted jobs: ${(err as Error).message}`),
      )),
    /** Background work started by the services (scans, schedules): closed with the app or the command. */
    onClose: [
      async () => schedules.stop(),
      () => scans.shutdown(),
      async () => void (await recovery),
      () => refresh.idle(),
      reportsMod.reportsOnClose,
      operationsMod.operationsOnClose,
    ] as (() => Promise<void>)[],
  }
}

/** Every service, as `buildServices` returns it. */
export type Services = ReturnType<typeof buildServices>
