import type { DisclosureForm, ManufacturerQuestionOut, PortComparisonRow } from '../../core/disclosures/disclosure.js'

/** What a letter may ask the manufacturer to provide (each has a sentence in ./texts-ja.ts and ./texts-en.ts). */
export const MISSING_ITEMS = ['mds2', 'mds-sds', 'sbom', 'declared-ports', 'cvd'] as const
export type MissingItem = (typeof MISSING_ITEMS)[number]

/**
 * Everything a letter to a manufacturer says, gathered by the disclosure services: who writes (the hospital's letter
 * settings), to whom, about which model and disclosure, what is missing, the open questions from the evaluation and
 * the ports seen on the hospital's devices that differ from the declaration. `composeLetter` (./index.ts) turns it
 * into a `DocumentModel`; nothing here is formatted yet.
 */
export interface LetterInput {
  lang: 'ja' | 'en'
  /** The letter's date, ISO yyyy-mm-dd (a longer ISO timestamp is cut to its date). The reply is asked for 30 days later. */
  date: string
  hospital: {
    name: string
    department: string | null
    address: string | null
    contactPerson: string | null
    email: string | null
    phone: string | null
  }
  recipient: { manufacturer: string; department: string | null }
  model: { vendor: string; name: string }
  /** The disclosure the letter is about; null when the manufacturer has disclosed nothing yet. */
  disclosure: { form: DisclosureForm; documentId: string | null; releaseDate: string | null } | null
  missing: MissingItem[]
  questions: ManufacturerQuestionOut[]
  discrepancies: {
    device: string
    port: number
    transport: 'tcp' | 'udp'
    status: PortComparisonRow['status']
    service: string | null
  }[]
}
