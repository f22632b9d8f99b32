/**
 * What the checklist services need from storage (issue 10). Filled in by the module's repository
 * (src/storage/checklist-repository.ts → `checklistStoragePorts`), spread into the ports by `storagePorts`.
 * Every change takes its audit entry and writes it in the same transaction.
 */
import type { ChecklistAnswer, ChecklistAttachment, ChecklistEdition, ChecklistForm } from '../../../api/checklist.js'
import type { Actor } from '../actor.js'
import type { AuditRecord } from '../ports.js'
import type { EvidenceFacts } from './evidence.js'

/** Whose answers: the hospital's own (vendorId null) or one vendor's 事業者確認用. */
export interface AnswerKey {
  editionId: string
  vendorId: string | null
  itemId: string
}

export interface AnswerRow extends AnswerKey {
  answer: 'yes' | 'no'
  checkedOn: string
  targetOn: string | null
  responsible: string | null
  note: string | null
  answeredBy: string | null
  answeredAt: string
}

export interface NewAttachment extends AnswerKey {
  fileName: string
  mediaType: string
  bytes: Uint8Array
  sha256: string
  uploadedBy: string | null
  uploadedAt: string
}

export interface StoredVendor {
  id: string
  name: string
  contact: string | null
  createdAt: string
}

export interface ChecklistStore {
  /** Editions loaded from MHLW's .xlsx (the built-in ones live in code). */
  loadedEditions(form?: ChecklistForm): Promise<ChecklistEdition[]>
  insertEdition(edition: ChecklistEdition, actor: Actor, audit: AuditRecord): Promise<void>
  /** Answers of one edition for the hospital (vendorId null) or a vendor, with their attachments. */
  answers(editionId: string, vendorId: string | null): Promise<ChecklistAnswer[]>
  /** Writes (insert or replace) one answer; `audit` gets the answer as it was (null: none) and the new one. */
  putAnswer(
    row: AnswerRow,
    actor: Actor,
    audit: (before: ChecklistAnswer | null, after: ChecklistAnswer) => AuditRecord,
  ): Promise<ChecklistAnswer>
  addAttachment(
    file: NewAttachment,
    actor: Actor,
    audit: (a: ChecklistAttachment) => AuditRecord,
  ): Promise<ChecklistAttachment>
  attachment(id: string): Promise<{ meta: ChecklistAttachment & AnswerKey; bytes: Buffer } | null>
  deleteAttachment(id: string, actor: Actor, audit: (a: ChecklistAttachment) => AuditRecord): Promise<boolean>
  vendors(): Promise<StoredVendor[]>
  vendor(id: string): Promise<StoredVendor | null>
  insertVendor(v: StoredVendor, actor: Actor, audit: AuditRecord): Promise<void>
  /** Answered items per vendor of an edition. */
  vendorAnswerCounts(editionId: string): Promise<Map<string, number>>
  /** The counts the evidence rules read (core/checklist/evidence.ts), set-based; `today` as YYYY-MM-DD. */
  evidenceFacts(today: string): Promise<EvidenceFacts>
}

export interface ChecklistPorts {
  checklist: ChecklistStore
}
