/**
 * One question of a disclosure form as Mamori keeps it: the id the form prints, the section it belongs to, and a
 * short summary in Japanese and English written by Mamori for clinical engineers (not NEMA's wording, which is
 * copyrighted: read the form itself for the exact question).
 */
export type QuestionKind = 'yes-no' | 'text' | 'date'

export interface DisclosureQuestion {
  /** The id as the form prints it, normalised (`MLDP-2.1`, `DOC-8`; 2013: `12-1.1`, `B.2`). */
  id: string
  /** Section id (`MLDP`, `DOC`); see MDS2_SECTIONS. */
  section: string
  textEn: string
  textJa: string
  kind: QuestionKind
}

/** A compact row of a question-set data file: id, English, Japanese, and the kind when it is not yes/no. */
export type QuestionRow = readonly [id: string, en: string, ja: string, kind?: QuestionKind]

/** Expands rows of one section into questions. */
export function questionsOf(section: string, rows: readonly QuestionRow[]): DisclosureQuestion[] {
  return rows.map(([id, textEn, textJa, kind]) => ({ id, section, textEn, textJa, kind: kind ?? 'yes-no' }))
}
