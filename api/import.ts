import { z } from 'zod'
import { IMPORT_FIELD_IDS, type LedgerFieldKey } from '../src/core/ledger/fields.js'
import type { RowProblem } from '../src/core/ledger/import-row.js'

/** One problem in an uploaded file, located precisely enough to fix it in Excel. */
export const importProblem = z.object({
  row: z.number().int().nullable(), // 1-based row number as Excel shows it (header = 1)
  column: z.string().nullable(), // the header as written in the file
  value: z.string().nullable(),
  /** The reason in English. */
  message: z.string(),
  /** The same reason in Japanese, written for a clinical engineer (what the Japanese UI and CLI show). */
  messageJa: z.string(),
  severity: z.enum(['error', 'warning']),
})
export type ImportProblemDto = z.infer<typeof importProblem>

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
/** Fails to compile when the schema and the core's `RowProblem` (what the import rules produce) drift apart. */
export type ImportProblemMatchesCore = Assert<Same<ImportProblemDto, RowProblem>>

export const importPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  totalRows: z.number().int(),
  /** Header in the file -> ledger field id (or null when ignored). */
  mapping: z.record(z.string(), z.string().nullable()),
  unknownColumns: z.array(z.string()),
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** First rows of each outcome for the preview table. */
  sample: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['create', 'update', 'unchanged', 'reject']),
      assetTag: z.string().nullable(),
      summary: z.string(),
      matchedBy: z.string().nullable(),
    }),
  ),
  problems: z.array(importProblem),
  /** File-level errors (wrong format, no header...): nothing can be imported. */
  fatal: z.boolean(),
})
export type ImportPreview = z.infer<typeof importPreview>

export const importResult = z.object({
  importId: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
})
export type ImportResult = z.infer<typeof importResult>

/**
 * Ledger fields a column of an uploaded file can be assigned to (the import page's mapping menu), in the order of
 * the export columns; `id` is a device id from an earlier export, used for matching only. Taken from the ledger's
 * field table (src/core/ledger/fields.ts), so the menu, the importer and the exporters list the same fields.
 */
export const IMPORT_FIELDS: readonly LedgerFieldKey[] = IMPORT_FIELD_IDS
