import { z } from 'zod'

/**
 * Procurement (調達, issue 11 part 1): what a hospital writes into a tender so that the device it buys can be kept
 * safe for its whole service life, the vendors' answers to it, scored, and the candidate models side by side with
 * their disclosures. The requirements are one editable set per hospital, seeded from Mamori's template (MDS2 and
 * MDS/SDS provided, port list, SBOM, patch and support policy with support at or beyond the service life, no
 * hard-coded or default passwords, remote maintenance only on request and logged, compatible malware protection, a
 * coordinated vulnerability disclosure programme, …) in Japanese and English, and exported as .xlsx and PDF to attach
 * to the tender (the .xlsx has an answer column the vendor fills in and that Mamori reads back).
 *
 * Routes (reads `viewer`; bids `engineer`; the requirement set `admin`; every export audited):
 *  GET    /api/procurement/requirements                          → requirementSet
 *  PUT    /api/procurement/requirements  requirementSetInput     → requirementSet (admin; 422
 *         PROCUREMENT_REQUIREMENTS_INVALID lists every problem and changes nothing; audited before/after)
 *  POST   /api/procurement/requirements/reset                    → requirementSet (admin; back to the template)
 *  GET    /api/procurement/requirements/export?lang=ja|en&format=xlsx|pdf&bidId? → the file to attach to a tender
 *  GET    /api/procurement/bids                                  → {items: bid[]}
 *  POST   /api/procurement/bids  bidInput                        → bid (answers may be empty)
 *  GET    /api/procurement/bids/:id                              → bid
 *  PUT    /api/procurement/bids/:id  bidInput                    → bid (audited)
 *  DELETE /api/procurement/bids/:id                              → 204 (audited)
 *  POST   /api/procurement/bids/:id/answers (multipart "file": the returned .xlsx) → bidAnswersImport
 *         (all or nothing; 422 PROCUREMENT_ANSWERS_UNREADABLE with sheet, cell, value and why)
 *  GET    /api/procurement/compare?bids=id,id,…                  → bidComparison (2–10 bids)
 *  GET    /api/procurement/compare/export?bids=…&lang&format=xlsx|pdf → the comparison as a file
 */

export const REQUIREMENT_CATEGORIES = [
  'disclosure', // MDS2, MDS/SDS, manuals
  'ports', // port and protocol list, data flows
  'sbom', // software bill of materials
  'support', // patch policy, support end vs service life
  'authentication', // no hard-coded/default passwords, accounts, roles
  'remote', // remote maintenance on request, logged
  'malware', // malware protection compatible, allow-listing
  'vulnerability', // CVD programme, advisories, response times
  'logging', // audit logs, time synchronisation
  'data', // encryption, erasure at end of life
  'other',
] as const
export type RequirementCategory = (typeof REQUIREMENT_CATEGORIES)[number]

export const requirementItem = z.object({
  /** Stable id printed in the tender and read back from the vendor's answers ("P-01"). */
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, 'letters, digits, ".", "_" or "-", at most 20'),
  category: z.enum(REQUIREMENT_CATEGORIES),
  textJa: z.string().trim().min(1).max(2000),
  textEn: z.string().trim().min(1).max(2000),
  /** Why a hospital asks this, in plain words (printed under the requirement). */
  rationaleJa: z.string().trim().max(2000).default(''),
  rationaleEn: z.string().trim().max(2000).default(''),
  /** A "no" to a mandatory requirement is named in the score as a gap, whatever the points. */
  mandatory: z.boolean().default(false),
  /** 1 (nice to have) … 5 (essential): the points a full "yes" earns. */
  weight: z.number().int().min(1).max(5).default(3),
  /** Where it comes from: "MHLW checklist 2-⑥", "MDS2 SBOM-1", "IEC 81001-5-1 5.1", "手引き 3.2". */
  refs: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
})
export type RequirementItem = z.output<typeof requirementItem>

export const requirementSetInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** What the hospital calls this edition ("2027年度版"); shown on the exported sheet. */
  version: z.string().trim().min(1).max(50),
  items: z.array(requirementItem).min(1).max(200),
})
export type RequirementSetInput = z.input<typeof requirementSetInput>

export const requirementSet = requirementSetInput.extend({
  /** True while the set is Mamori's template unchanged. */
  builtIn: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
})
export type RequirementSet = z.infer<typeof requirementSet>

export const BID_ANSWERS = ['yes', 'partial', 'no', 'unknown'] as const
export type BidAnswerValue = (typeof BID_ANSWERS)[number]

export const bidAnswer = z.object({
  itemId: z.string().min(1).max(20),
  answer: z.enum(BID_ANSWERS),
  /** The vendor's own words (e.g. "SBOM は CycloneDX で納入時に提供"). */
  note: z.string().trim().max(2000).default(''),
})
export type BidAnswer = z.output<typeof bidAnswer>

/** A vendor's offer of one model in one tender, with its answers to the requirements. */
export const bidInput = z.object({
  /** The tender (案件), e.g. "2027年度 ICU 生体情報モニタ更新". Bids with the same tender are compared together. */
  tender: z.string().trim().min(1).max(200),
  vendor: z.string().trim().min(1).max(200),
  manufacturer: z.string().trim().min(1).max(200),
  model: z.string().trim().min(1).max(200),
  /** The model in the catalog, when known: its disclosures and declared ports join the comparison. */
  modelId: z.string().max(100).nullable().default(null),
  receivedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .nullable()
    .default(null),
  answers: z.array(bidAnswer).max(200).default([]),
  notes: z.string().trim().max(4000).default(''),
})
export type BidInput = z.input<typeof bidInput>

/** yes = full weight, partial = half, no/unknown = 0; percent of the sum of weights. */
export const bidScore = z.object({
  points: z.number(),
  max: z.number(),
  percent: z.number().int().min(0).max(100),
  answered: z.number().int(),
  total: z.number().int(),
  /** Mandatory requirements answered no or unknown (or not at all), by id. */
  mandatoryGaps: z.array(z.string()),
})
export type BidScore = z.infer<typeof bidScore>

export const bid = bidInput.extend({
  id: z.string(),
  answers: z.array(bidAnswer),
  score: bidScore,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
})
export type Bid = z.infer<typeof bid>

export const bidAnswersImport = z.object({
  bid,
  /** Answers read from the file. */
  read: z.number().int(),
  /** Rows of the file with an id the requirement set does not have (ignored, named). */
  unknownIds: z.array(z.string()),
})
export type BidAnswersImport = z.infer<typeof bidAnswersImport>

/** What Mamori knows of a candidate model from its disclosures (null fields: nothing on file). */
export const modelDisclosureSummary = z.object({
  modelId: z.string().nullable(),
  hasMds2: z.boolean(),
  hasMdsSds: z.boolean(),
  hasSbom: z.boolean(),
  declaredPorts: z.array(z.number().int()),
  /** Cleartext ports among the declared ones (Telnet, FTP, HTTP, DICOM without TLS, …). */
  cleartextPorts: z.array(z.number().int()),
  supportEnd: z.string().nullable(),
  /** Findings the disclosure rules raise for this model (e.g. "default password cannot be changed"). */
  disclosureFindings: z.array(z.object({ titleJa: z.string(), titleEn: z.string(), severity: z.string() })),
  /** Known vulnerabilities matched to the model (affected), and of those known exploited (KEV). */
  knownVulnerabilities: z.number().int(),
  knownExploited: z.number().int(),
})
export type ModelDisclosureSummary = z.infer<typeof modelDisclosureSummary>

export const bidComparison = z.object({
  requirementSet: z.object({ name: z.string(), version: z.string() }),
  bids: z.array(bid.extend({ disclosure: modelDisclosureSummary })),
  /** One row per requirement: each bid's answer in the order of `bids`. */
  rows: z.array(
    z.object({
      item: requirementItem,
      answers: z.array(z.enum(BID_ANSWERS).nullable()),
    }),
  ),
})
export type BidComparison = z.infer<typeof bidComparison>
