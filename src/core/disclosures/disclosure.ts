/**
 * A manufacturer's security disclosure as Mamori reads it, whatever the form: MDS2 (ANSI/NEMA HN 1-2019 or 2013),
 * JAHIS/JIRA MDS/SDS, or answers typed in by hand from a PDF. Readers (`src/importers/disclosures/`) produce a
 * `ParsedDisclosure`; evaluation rules (`core/disclosures/rules/`) turn its answers into findings, compensating
 * controls and questions to the manufacturer, each citing the question id and the answer it came from.
 */

export const DISCLOSURE_FORMS = ['mds2-2019', 'mds2-2013', 'mds-sds', 'manual'] as const
/** Which question set the answers belong to. `manual`: typed in by hand against the MDS2 2019 question set. */
export type DisclosureForm = (typeof DISCLOSURE_FORMS)[number]

/** An answer as the form allows it. MDS/SDS はい/いいえ/対象外 map to yes/no/na. */
export const ANSWER_VALUES = ['yes', 'no', 'na', 'see-notes'] as const
export type AnswerValue = (typeof ANSWER_VALUES)[number]

/** Where a value was read from, so every problem and every citation can point at the cell. */
export interface CellRef {
  sheet: string
  /** 1-based row as Excel shows it (CSV: the line's record number, header = 1). */
  row: number
  /** Column letter as Excel shows it ("C"); CSV: the 1-based column number as text. */
  column: string
}

/** One question's answer. */
export interface DisclosureAnswer {
  /** Normalised id (`SAHD-15`, `MLDP-2.1`, `DOC-8`; MDS/SDS: the mapping's item id). */
  questionId: string
  /** The id as the form wrote it, when it differed (`SHAD-15`): shown so people see what was normalised. */
  writtenId: string | null
  /** null = left unanswered. */
  value: AnswerValue | null
  /** Words after the answer ("LDAP" from "Yes,LDAP", "No default accounts" from "N/A: No default accounts"). */
  comment: string | null
  /** Notes the answer points to (Note # column, "See Note 3"). */
  noteRefs: number[]
  /** The cell the answer came from; null when entered by hand. */
  cell: CellRef | null
}

/** A numbered note from the form's notes block ("Note 3: …"). */
export interface DisclosureNote {
  number: number
  text: string
}

/** The form's header (MDS2 DOC-1…DOC-6, DOC-7 date; MDS/SDS cover sheet). Unknown → null. */
export interface DisclosureHeader {
  manufacturer: string | null
  deviceDescription: string | null
  model: string | null
  documentId: string | null
  contact: string | null
  intendedUse: string | null
  /** ISO date (yyyy-mm-dd), also when the form held an Excel serial number. */
  releaseDate: string | null
}

/** A port/protocol the manufacturer declares (MDS2 CONN + notes, the CSV/JSON template, or by hand). */
export interface DeclaredPort {
  port: number
  transport: 'tcp' | 'udp'
  /** in: the device listens; out: the device connects to it; both. */
  direction: 'in' | 'out' | 'both'
  /** Protocol name (DICOM, HL7, HTTPS…) or null. */
  service: string | null
  /** What it is for, in the manufacturer's words. */
  purpose: string | null
  /** Declared as encrypted (TLS) — true, declared cleartext — false, not said — null. */
  tls: boolean | null
}

/** Problem codes a reader reports; texts in the catalog under `disclosures.problem.<code>`. */
export type DisclosureProblemSeverity = 'error' | 'warning'

/**
 * A cell or file the reader could not read as the form intends. `error` stops the import (nothing is stored);
 * `warning` is stored with the disclosure and shown in the problem report.
 */
export interface DisclosureProblem {
  severity: DisclosureProblemSeverity
  /** Catalog key under `disclosures.problem.` (e.g. `answerNotAllowed`, `idMistyped`, `contradiction`). */
  code: string
  sheet: string | null
  row: number | null
  column: string | null
  /** The value as found (truncated to 200 characters). */
  value: string | null
  /** Parameters of the catalog text. */
  params: Record<string, string | number>
}

/** What a reader hands over: everything needed to store and evaluate the disclosure. */
export interface ParsedDisclosure {
  form: DisclosureForm
  header: DisclosureHeader
  answers: DisclosureAnswer[]
  notes: DisclosureNote[]
  declaredPorts: DeclaredPort[]
  problems: DisclosureProblem[]
  /** How many questions the form's question set has (for "read 198 of 225"). */
  questionCount: number
}

/** Severity of an evaluation output, the same scale as findings. */
export type EvaluationSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info'

/** The answer an output was derived from, quoted so a reader can check it against the form. */
export interface Citation {
  questionId: string
  /** The answer as stored: "yes", "no", "na", "see-notes", or "unanswered"; plus the comment when there was one. */
  answer: string
  comment: string | null
}

/** Something the hospital must know is weak about the model (becomes a Finding for each linked device). */
export interface DisclosureFindingOut {
  ruleId: string
  severity: EvaluationSeverity
  titleJa: string
  titleEn: string
  detailJa: string
  detailEn: string
  recommendationJa: string
  recommendationEn: string
  citations: Citation[]
}

/** A measure the hospital must put in place because of an answer, tied to the MHLW checklist and guideline. */
export interface CompensatingControlOut {
  controlId: string
  titleJa: string
  titleEn: string
  detailJa: string
  detailEn: string
  /** MHLW checklist item (医療機関確認用, 令和7 numbering), e.g. "2-⑬". */
  checklistItem: string | null
  /** Guideline 6.0 section, e.g. "システム運用編 13". */
  guidelineRef: string | null
  citations: Citation[]
}

/** A question to put to the manufacturer (missing, "See Notes" without a note, contradictory or vague answers). */
export interface ManufacturerQuestionOut {
  questionId: string
  /**
   * Why we ask: unanswered | see-notes-missing | contradiction | vague | missing-disclosure | follow-up (a rule's
   * own question, e.g. how remote service connects). See {@link QUESTION_REASONS}.
   */
  reason: string
  textJa: string
  textEn: string
  citations: Citation[]
}

/** Every `ManufacturerQuestionOut.reason`, in the order a letter lists them. */
export const QUESTION_REASONS = [
  'contradiction',
  'unanswered',
  'see-notes-missing',
  'vague',
  'missing-disclosure',
  'follow-up',
] as const
export type QuestionReason = (typeof QUESTION_REASONS)[number]

/** Answers of one disclosure that cannot all be true (SBOM-1 No but SBOM-2 Yes): shown with the evaluation. */
export interface EvaluationWarning {
  code: 'contradiction'
  questionIds: string[]
  textJa: string
  textEn: string
}

/** The evaluation of one disclosure: pure, deterministic, the same input gives the same output in the same order. */
export interface DisclosureEvaluation {
  findings: DisclosureFindingOut[]
  controls: CompensatingControlOut[]
  questions: ManufacturerQuestionOut[]
  /** Contradictions between answers (each is also a question). Optional so stored evaluations without it still fit. */
  warnings?: EvaluationWarning[]
}

/** A service seen on one of the device's addresses by active discovery (later: passive capture). */
export interface ObservedService {
  address: string
  port: number
  transport: 'tcp' | 'udp'
  /** Protocol identified (dicom, http, telnet…) or null. */
  service: string | null
  /** TLS seen on this port — true, cleartext seen — false, not known — null. */
  tls: boolean | null
  lastSeenAt: string
}

/** One row of the disclosed-versus-observed table of a device. */
export interface PortComparisonRow {
  port: number
  transport: 'tcp' | 'udp'
  /**
   * declared-seen: as declared; undeclared-open: open but not declared; declared-unseen: declared, never seen open
   * (not a weakness; the scan may not have looked); cleartext-where-tls: declared encrypted, seen in cleartext.
   */
  status: 'declared-seen' | 'undeclared-open' | 'declared-unseen' | 'cleartext-where-tls'
  declared: DeclaredPort | null
  observed: ObservedService[]
}
