import { z } from 'zod'

/**
 * The MHLW cybersecurity checklist (医療機関におけるサイバーセキュリティ対策チェックリスト) as a self-assessment with
 * evidence (issue 10). Editions are versioned data: 令和7年度 医療機関確認用 and 事業者確認用 are built in (wording
 * marked 原文 or 要旨 as in the reference file); an admin loads a newer edition from MHLW's .xlsx form. Answers are
 * はい/いいえ with 確認日, 目標日 for いいえ, responsible person, note and attached files. For each item, the evidence
 * Mamori already holds is shown as a suggestion a person confirms. The 事業者確認用 form is generated per vendor to
 * send out, and the vendor's answers are recorded.
 *
 * Routes (reads `viewer`; answers `engineer`; editions `admin`):
 *  GET  /api/checklist/editions                                  → {items: checklistEdition[]}
 *  POST /api/checklist/editions (multipart "file": MHLW .xlsx)   → checklistEdition (admin; 422 CHECKLIST_UNREADABLE)
 *  GET  /api/checklist?form=hospital|vendor&edition&vendorId      → checklistView (hospital form by default)
 *  PUT  /api/checklist/answers/:itemId?edition&vendorId  checklistAnswerInput → checklistAnswer (audited)
 *  POST /api/checklist/answers/:itemId/attachments?edition&vendorId (multipart "file") → checklistAttachment
 *  GET  /api/checklist/attachments/:id                           → the file
 *  DELETE /api/checklist/attachments/:id                         → 204
 *  GET  /api/checklist/export?format=xlsx|pdf&form&edition&vendorId&lang → the file, in the layout inspectors expect
 *  GET  /api/checklist/vendors                                   → {items: checklistVendor[]}
 *  POST /api/checklist/vendors  {name, contact?}                 → checklistVendor
 *  GET  /api/checklist/vendors/:id/form?format=xlsx|pdf          → the 事業者確認用 form to send, prefilled with the vendor
 * Item ids are the printed numbers ("1-①", "2-⑥", "前提"); in URLs they are percent-encoded.
 */

export const CHECKLIST_FORMS = ['hospital', 'vendor'] as const
export type ChecklistForm = (typeof CHECKLIST_FORMS)[number]
export const checklistForm = z.enum(CHECKLIST_FORMS)

/** 原文 = MHLW's wording as re-published; 要旨 = our own summary of the topic (never shown as MHLW's wording). */
export const WORDING_KINDS = ['original', 'summary'] as const

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')

export const checklistItem = z.object({
  /** The printed number, e.g. "2-⑥"; "前提" for the precondition. */
  id: z.string(),
  /** 1 体制構築 / 2 医療情報システムの管理・運用 / 3 インシデント発生に備えた対応; 0 for the precondition. */
  section: z.number().int(),
  sectionTitleJa: z.string(),
  sectionTitleEn: z.string(),
  textJa: z.string(),
  textEn: z.string(),
  wording: z.enum(WORDING_KINDS),
  /** What the item covers: 全般 / サーバ / 端末PC / ネットワーク機器, or null. */
  target: z.string().nullable(),
  guidelineRefs: z.array(z.string()),
  /** Answer due by a later date (e.g. two-factor authentication by 令和9年度). */
  deadlineNote: z.string().nullable(),
  crosswalk: z.object({
    /** NIST CSF 2.0 subcategories, e.g. "ID.AM-01". */
    nistCsf: z.array(z.string()),
    /** US HHS Healthcare and Public Health Cybersecurity Performance Goals, e.g. "Essential 4 (Basic cybersecurity training)". */
    hphCpg: z.array(z.string()),
  }),
})
export type ChecklistItem = z.infer<typeof checklistItem>

export const checklistEdition = z.object({
  /** e.g. "r7-hospital", "r7-vendor", or a loaded edition's id. */
  id: z.string(),
  form: checklistForm,
  /** e.g. "令和7年度". */
  fiscalYearJa: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  builtIn: z.boolean(),
  /** Where it came from: a source note or the uploaded file's name and SHA-256. */
  source: z.string(),
  loadedAt: z.string().nullable(),
  items: z.array(checklistItem),
})
export type ChecklistEdition = z.infer<typeof checklistEdition>

export const checklistAttachment = z.object({
  id: z.string(),
  itemId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
})
export type ChecklistAttachment = z.infer<typeof checklistAttachment>

export const checklistAnswer = z.object({
  itemId: z.string(),
  answer: z.enum(['yes', 'no']).nullable(),
  /** 確認日 */
  checkedOn: z.string().nullable(),
  /** 目標日 (only for いいえ) */
  targetOn: z.string().nullable(),
  responsible: z.string().nullable(),
  note: z.string().nullable(),
  attachments: z.array(checklistAttachment),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
})
export type ChecklistAnswer = z.infer<typeof checklistAnswer>

/**
 * An answer as sent. A いいえ needs no target date but may have one; a はい must not have one; the check date must
 * not be in the future; the target date must not be before the check date. Refused with the field named otherwise.
 */
export const checklistAnswerInput = z.object({
  answer: z.enum(['yes', 'no']),
  checkedOn: isoDate,
  targetOn: isoDate.nullable().optional(),
  responsible: z.string().max(200).nullable().optional(),
  note: z.string().max(4000).nullable().optional(),
})
export type ChecklistAnswerInput = z.infer<typeof checklistAnswerInput>

/** What Mamori already holds for an item: a suggestion (はい/いいえ/判断できない) a person confirms, with the facts. */
export const checklistEvidence = z.object({
  itemId: z.string(),
  suggestion: z.enum(['yes', 'no', 'unknown']),
  summaryJa: z.string(),
  summaryEn: z.string(),
  facts: z.array(z.object({ labelJa: z.string(), labelEn: z.string(), value: z.string() })),
  /** A page of the UI that shows the evidence, e.g. "/devices?expired=support". */
  link: z.string().nullable(),
})
export type ChecklistEvidence = z.infer<typeof checklistEvidence>

export const checklistVendor = z.object({
  id: z.string(),
  name: z.string(),
  contact: z.string().nullable(),
  createdAt: z.string(),
  /** Answered items of the vendor form / all items. */
  answered: z.number().int(),
  total: z.number().int(),
})
export type ChecklistVendor = z.infer<typeof checklistVendor>

export const checklistCompletion = z.object({
  total: z.number().int(),
  answered: z.number().int(),
  yes: z.number().int(),
  no: z.number().int(),
  /** いいえ whose target date has passed. */
  overdue: z.number().int(),
})
export type ChecklistCompletion = z.infer<typeof checklistCompletion>

export const checklistView = z.object({
  edition: checklistEdition.omit({ items: true }),
  vendor: checklistVendor.nullable(),
  rows: z.array(z.object({ item: checklistItem, answer: checklistAnswer, evidence: checklistEvidence.nullable() })),
  completion: checklistCompletion,
  /** 前提 answered いいえ: every other item is 確認不要 (not required); completion counts the 前提 only. */
  notRequired: z.boolean().optional(),
})
export type ChecklistView = z.infer<typeof checklistView>
