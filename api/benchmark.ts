import { z } from 'zod'

/**
 * Indicators and anonymous benchmarking between hospitals (issue 10). Indicators are data, each with its formula shown.
 * A hospital exports an anonymous profile (no names, tags, serials or addresses; bed-count band and region only; a
 * random profile id). A coordinator (a hospital group, an association, 医療ISAC) imports many and publishes a cohort
 * report that suppresses any figure drawn from fewer than `minCohort` hospitals (default 5, never below 3) and any
 * figure derivable from others; a hospital that imports the published report sees its percentile per indicator.
 *
 * Routes (reads `viewer`; settings `admin`; export and import `engineer`; every export and import is audited):
 *  GET  /api/benchmark/indicators             → {items: indicatorValue[]} (this hospital's own values, with formulas)
 *  GET  /api/benchmark/settings               → benchmarkSettings
 *  PUT  /api/benchmark/settings               → benchmarkSettings (admin)
 *  GET  /api/benchmark/export                 → the profile file (application/json); 422 BENCHMARK_IDENTIFYING if refused
 *  POST /api/benchmark/import (multipart "file", one or more: profiles or a published cohort report) → benchmarkImportResult
 *  GET  /api/benchmark/compare                → cohortReport over the imported profiles (the coordinator's view)
 *  GET  /api/benchmark/position               → benchmarkPosition (this hospital against the last imported cohort report) or 404
 * A tampered (checksum), foreign (format/version) or duplicate profile is refused with the file named; nothing of that
 * import is stored.
 */

export const INDICATOR_UNITS = ['percent', 'per100', 'days', 'count'] as const

export const indicatorDefinition = z.object({
  id: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  /** The formula in words, e.g. "所有者と設置場所が記入された機器 ÷ 台帳の使用中の機器 × 100". */
  formulaJa: z.string(),
  formulaEn: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  betterWhen: z.enum(['higher', 'lower']),
})
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>

export const indicatorValue = indicatorDefinition.extend({
  /** null when the denominator is 0 (nothing to measure). */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
})
export type IndicatorValue = z.infer<typeof indicatorValue>

export const BED_BANDS = ['1-19', '20-99', '100-199', '200-399', '400-699', '700+'] as const
/** Japan's eight regions (地方区分); a profile never carries a prefecture or city. */
export const REGIONS = ['hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu'] as const

export const benchmarkSettings = z.object({
  bedBand: z.enum(BED_BANDS).nullable(),
  region: z.enum(REGIONS).nullable(),
  /** Smallest group a published figure may be drawn from (default 5, never below 3). */
  minCohort: z.number().int().min(3).max(1000),
})
export type BenchmarkSettings = z.infer<typeof benchmarkSettings>

/** The file a hospital sends: anonymous, checksummed. */
export const benchmarkProfile = z.object({
  format: z.literal('mamori-benchmark-profile'),
  formatVersion: z.literal(1),
  /** Random, new per export: two exports of one hospital cannot be linked by id. */
  profileId: z.string().uuid(),
  /** Month only (YYYY-MM): the day would help link an export to a hospital's audit log. */
  period: z.string().regex(/^\d{4}-\d{2}$/),
  bedBand: z.enum(BED_BANDS),
  region: z.enum(REGIONS),
  /** Indicator id → value (null when not measurable). Only ids of the indicator definitions. */
  indicators: z.record(z.string(), z.number().nullable()),
  /** SHA-256 (hex) of the canonical JSON of every other field: detects edits in transit. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
})
export type BenchmarkProfile = z.infer<typeof benchmarkProfile>

export const cohortIndicator = z.object({
  id: z.string(),
  /** Profiles with a value for this indicator. */
  n: z.number().int(),
  suppressed: z.boolean(),
  /** Why suppressed: "fewer than 5 hospitals" / "derivable from other figures". */
  reasonJa: z.string().nullable(),
  reasonEn: z.string().nullable(),
  /** Percentile breakpoints p10…p90 (null when suppressed). */
  p10: z.number().nullable(),
  p25: z.number().nullable(),
  median: z.number().nullable(),
  p75: z.number().nullable(),
  p90: z.number().nullable(),
})

/** What a coordinator publishes (and what a hospital imports to see its position). Holds no single profile. */
export const cohortReport = z.object({
  format: z.literal('mamori-benchmark-cohort'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  minCohort: z.number().int(),
  profiles: z.number().int(),
  /** Each cohort: all profiles, and (when large enough) each bed-count band and region. */
  cohorts: z.array(
    z.object({
      key: z.string(),
      labelJa: z.string(),
      labelEn: z.string(),
      size: z.number().int(),
      suppressed: z.boolean(),
      indicators: z.array(cohortIndicator),
    }),
  ),
  definitions: z.array(indicatorDefinition),
})
export type CohortReport = z.infer<typeof cohortReport>

export const benchmarkPosition = z.object({
  reportCreatedAt: z.string(),
  cohortKey: z.string(),
  cohortSize: z.number().int(),
  items: z.array(
    indicatorValue.extend({
      /** 0–100, where higher is better whatever the indicator's direction; null when suppressed or unmeasured. */
      percentile: z.number().nullable(),
      median: z.number().nullable(),
      p25: z.number().nullable(),
      p75: z.number().nullable(),
      suppressed: z.boolean(),
    }),
  ),
})
export type BenchmarkPosition = z.infer<typeof benchmarkPosition>

export const benchmarkImportResult = z.object({
  profiles: z.number().int(),
  cohortReports: z.number().int(),
  /** Profiles in the store after the import. */
  totalProfiles: z.number().int(),
})
export type BenchmarkImportResult = z.infer<typeof benchmarkImportResult>
