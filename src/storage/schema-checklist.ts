/** Tables of the checklist module (migration 0014-checklist), merged into `Database` in ./schema.ts. */

/** An edition loaded from MHLW's .xlsx form (built-in editions are code): items as JSON (ChecklistItem[]). */
export interface ChecklistEditionTable {
  id: string
  form: string
  fiscalYearJa: string
  titleJa: string
  titleEn: string
  source: string
  items: string
  loadedAt: string
  loadedBy: string | null
}

export interface ChecklistVendorTable {
  id: string
  name: string
  contact: string | null
  createdAt: string
  createdBy: string | null
}

/** One answer per (edition, vendor, item); vendor_id '' is the hospital's own form. */
export interface ChecklistAnswerTable {
  editionId: string
  vendorId: string
  itemId: string
  answer: string
  checkedOn: string
  targetOn: string | null
  responsible: string | null
  note: string | null
  answeredBy: string | null
  answeredAt: string
}

/** A file attached to an item's answer; the bytes as base64 text (both dialects), never listed with the metadata. */
export interface ChecklistAttachmentTable {
  id: string
  editionId: string
  vendorId: string
  itemId: string
  fileName: string
  mediaType: string
  size: number
  sha256: string
  content: string
  uploadedBy: string | null
  uploadedAt: string
}

export interface ChecklistTables {
  checklistEditions: ChecklistEditionTable
  checklistVendors: ChecklistVendorTable
  checklistAnswers: ChecklistAnswerTable
  checklistAttachments: ChecklistAttachmentTable
}
