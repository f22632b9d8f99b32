import { createHash, randomUUID } from 'node:crypto'
import {
  type BenchmarkImportResult,
  type BenchmarkPosition,
  type BenchmarkProfile,
  type BenchmarkSettings,
  benchmarkSettings,
  type CohortReport,
  type IndicatorValue,
} from '../../../api/benchmark.js'
import type { Actor } from '../../core/actor.js'
import { buildCohortReport, DEFAULT_MIN_COHORT, positionIn } from '../../core/benchmark/cohort.js'
import { computeIndicators } from '../../core/benchmark/indicators.js'
import { buildProfile, ProfileFileError, readImport } from '../../core/benchmark/profile.js'
import type { BenchmarkStore } from '../../core/benchmark/store.js'
import { MamoriError } from '../../core/errors.js'
import type { AuditLog, Clock } from '../../core/ports.js'
import type { ChecklistReader } from '../module-common.js'

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

const DEFAULT_SETTINGS: BenchmarkSettings = { bedBand: null, region: null, minCohort: DEFAULT_MIN_COHORT }

/**
 * Indicators and anonymous benchmarking (issue 10 item 4, ADR 0036): this hospital's indicator values, the anonymous
 * profile it exports, the coordinator's import and cohort report, and this hospital's position in a published report.
 */
export class BenchmarkService {
  constructor(
    private readonly store: BenchmarkStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly checklist: () => ChecklistReader | undefined,
  ) {}

  async settings(): Promise<BenchmarkSettings> {
    return (await this.store.settings()) ?? DEFAULT_SETTINGS
  }

  /** Saves the settings (validated: minCohort ≥ 3), audited as benchmark.settings. */
  async saveSettings(actor: Actor, input: unknown): Promise<BenchmarkSettings> {
    const parsed = benchmarkSettings.safeParse(input)
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        where: i.path.join('.') || 'settings',
        message: i.path[0] === 'minCohort' ? 'minCohort must be a whole number of at least 3' : i.message,
        messageJa: i.path[0] === 'minCohort' ? '最小コホートは 3 以上の整数にしてください' : undefined,
      }))
      const names = details.map((d) => d.where).join(', ')
      throw MamoriError.of('INVALID_INPUT', { problems: { en: names, ja: names } }, details)
    }
    const before = await this.store.settings()
    await this.store.saveSettings(parsed.data, actor, {
      action: 'benchmark.settings',
      targetType: 'benchmark',
      targetId: 'settings',
      before,
      after: parsed.data,
    })
    return parsed.data
  }

  /** Checklist completion from the checklist module: answered ÷ applicable items of the hospital form. */
  private async checklistCompletion(): Promise<{ answered: number | null; applicable: number | null }> {
    const reader = this.checklist()
    if (!reader || typeof reader.view !== 'function') return { answered: null, applicable: null }
    try {
      const v = await reader.view({ form: 'hospital' })
      return { answered: v.completion.answered, applicable: v.completion.total }
    } catch {
      return { answered: null, applicable: null }
    }
  }

  async indicators(): Promise<IndicatorValue[]> {
    return (await this.factsAndValues()).values
  }

  private async factsAndValues() {
    const today = this.clock.now().toISOString().slice(0, 10)
    const [facts, cl] = await Promise.all([this.store.facts(today), this.checklistCompletion()])
    const values = computeIndicators({ ...facts, checklistAnswered: cl.answered, checklistApplicable: cl.applicable })
    return { facts, values }
  }

  /** The anonymous profile of this hospital, or 400/422 saying why not. Audited as benchmark.export. */
  async exportProfile(actor: Actor): Promise<BenchmarkProfile> {
    const s = await this.settings()
    if (!s.bedBand || !s.region) throw MamoriError.of('BENCHMARK_SETTINGS_MISSING')
    const { facts, values } = await this.factsAndValues()
    const built = buildProfile(
      {
        profileId: randomUUID(),
        period: this.clock.now().toISOString().slice(0, 7),
        bedBand: s.bedBand,
        region: s.region,
        inUseDevices: facts.inUseDevices,
        values,
      },
      sha256,
    )
    if ('refused' in built) {
      await this.audit.record(actor, {
        action: 'benchmark.export.refused',
        targetType: 'benchmark',
        targetId: 'profile',
        after: { why: built.refused.en },
      })
      throw MamoriError.of('BENCHMARK_IDENTIFYING', { why: built.refused })
    }
    // The audit keeps the period and id (the hospital's own record), never the values.
    await this.audit.record(actor, {
      action: 'benchmark.export',
      targetType: 'benchmark',
      targetId: built.ok.profileId,
      after: { period: built.ok.period, bedBand: built.ok.bedBand, region: built.ok.region },
    })
    return built.ok
  }

  /** Imports profiles and/or one published report, all or nothing. Audited as benchmark.import. */
  async importFiles(
    actor: Actor,
    files: readonly { name: string; bytes: Uint8Array }[],
  ): Promise<BenchmarkImportResult> {
    if (files.length === 0)
      throw MamoriError.of('BENCHMARK_PROFILE_INVALID', {
        file: '-',
        why: {
          ja: 'ファイルがありません（プロファイルの .json を入れたフォルダ、またはファイルを指定してください）',
          en: 'no file was given (name a folder of profile .json files, or the files)',
        },
      })
    let read: ReturnType<typeof readImport>
    try {
      read = readImport(files, await this.store.profileIds(), sha256)
    } catch (e) {
      if (e instanceof ProfileFileError)
        throw MamoriError.of('BENCHMARK_PROFILE_INVALID', { file: e.file, why: e.why }, [
          { where: e.file, message: e.why.en, messageJa: e.why.ja },
        ])
      throw e
    }
    let total: number
    try {
      total = await this.store.saveImport(
        read.profiles,
        read.reports,
        actor,
        {
          action: 'benchmark.import',
          targetType: 'benchmark',
          targetId: null,
          after: {
            files: files.map((f) => f.name),
            profiles: read.profiles.length,
            cohortReports: read.reports.length,
          },
        },
        this.clock.now().toISOString(),
      )
    } catch (e) {
      // A concurrent import stored one of these ids first: the primary key refused the whole transaction.
      if (/unique|duplicate/i.test(String((e as Error)?.message)))
        throw MamoriError.of('BENCHMARK_PROFILE_INVALID', {
          file: files.map((f) => f.name).join(', '),
          why: { ja: 'プロファイル ID が重複しています', en: 'a profile id was already imported' },
        })
      throw e
    }
    return { profiles: read.profiles.length, cohortReports: read.reports.length, totalProfiles: total }
  }

  /** The cohort report over every imported profile (the coordinator's view; what `--out` publishes). */
  async compare(): Promise<CohortReport> {
    const [profiles, s] = await Promise.all([this.store.profiles(), this.settings()])
    return buildCohortReport(profiles, s.minCohort, this.clock.now().toISOString())
  }

  /** This hospital against the last imported report, or null when none was imported. */
  async position(): Promise<BenchmarkPosition | null> {
    const report = await this.store.lastReport()
    if (!report) return null
    const [values, s] = await Promise.all([this.indicators(), this.settings()])
    return positionIn(report, values, s.bedBand)
  }
}
