/**
 * Indicators and anonymous benchmarking over HTTP (api/benchmark.ts): own indicators with formulas, settings
 * (admin), profile export (a download that may be refused as identifying), import of profiles or a cohort report,
 * the coordinator's compare table and this hospital's position.
 */
import type {
  BenchmarkImportResult,
  BenchmarkPosition,
  BenchmarkSettings,
  CohortReport,
  IndicatorValue,
} from '../../../api/benchmark.js'
import { api } from '../api.js'
import type { Invalidator } from './keys.js'

export type { BenchmarkImportResult, BenchmarkPosition, BenchmarkSettings, CohortReport, IndicatorValue }

export const benchmarkKeys = {
  all: ['benchmark'] as const,
  indicators: () => [...benchmarkKeys.all, 'indicators'] as const,
  settings: () => [...benchmarkKeys.all, 'settings'] as const,
  compare: () => [...benchmarkKeys.all, 'compare'] as const,
  position: () => [...benchmarkKeys.all, 'position'] as const,
}

export async function invalidateBenchmark(qc: Invalidator): Promise<void> {
  await qc.invalidateQueries({ queryKey: benchmarkKeys.all })
}

export const benchmarkApi = {
  indicators: () => api<{ items: IndicatorValue[] }>('/api/benchmark/indicators').then((b) => b.items),
  settings: () => api<BenchmarkSettings>('/api/benchmark/settings'),
  saveSettings: (json: BenchmarkSettings) => api<BenchmarkSettings>('/api/benchmark/settings', { method: 'PUT', json }),
  exportPath: '/api/benchmark/export',
  import: (files: File[]) => {
    const body = new FormData()
    for (const f of files) body.append('file', f, f.name)
    return api<BenchmarkImportResult>('/api/benchmark/import', { method: 'POST', body })
  },
  compare: () => api<CohortReport>('/api/benchmark/compare'),
  position: () => api<BenchmarkPosition>('/api/benchmark/position'),
}
