import type { DisclosureForm } from '../../core/disclosures/disclosure.js'
import { englishDate } from './dates.js'
import type { LetterInput } from './letter-input.js'
import { citationList, type LetterTexts, present } from './texts.js'

/**
 * The English letter: the same content as the Japanese one in a formal English business letter ("Dear Sir or
 * Madam" … "Yours faithfully"), for manufacturers whose security staff work in English.
 */

const FORMS: Record<DisclosureForm, string> = {
  'mds2-2019': 'MDS2 (Manufacturer Disclosure Statement for Medical Device Security, ANSI/NEMA HN 1-2019)',
  'mds2-2013': 'MDS2 (Manufacturer Disclosure Statement for Medical Device Security, 2013 edition)',
  'mds-sds': 'MDS/SDS (JAHIS/JIRA security disclosure by manufacturers and service providers)',
  manual: 'your documentation, transcribed by us into the MDS2 2019 questions',
}

const ANSWERS: Record<string, string> = {
  yes: 'yes',
  no: 'no',
  na: 'N/A',
  'see-notes': 'see notes',
  unanswered: 'unanswered',
}

const REASONS: Record<string, string> = {
  unanswered: 'Not answered',
  'see-notes-missing': '"See Notes", but the note is missing',
  contradiction: 'Contradicts another answer',
  vague: 'The answer is unclear',
  'missing-disclosure': 'Not in the disclosure',
}

function disclosureLine(input: LetterInput): string {
  const d = input.disclosure
  if (!d) return 'Disclosure: none received yet'
  const id = d.documentId ? `, document ${d.documentId}` : ''
  const date = d.releaseDate ? `, released ${d.releaseDate.slice(0, 10)}` : ''
  return `Disclosure: ${FORMS[d.form]}${id}${date}`
}

export const textsEn: LetterTexts = {
  date: englishDate,
  recipient: (r) => present(r.manufacturer, r.department),
  sender: (h) =>
    present(
      h.name,
      h.department,
      h.address,
      h.contactPerson && `Contact: ${h.contactPerson}`,
      h.phone && `Telephone: ${h.phone}`,
      h.email && `Email: ${h.email}`,
    ),
  subject: (m) => `Subject: Request for cybersecurity information on your product ${m.vendor} ${m.name}`,
  opening: (input, deadline) => [
    'Dear Sir or Madam,',
    `Our hospital is reviewing the cybersecurity of the medical devices it connects to its network, following the Guidelines for the Security Management of Medical Information Systems and the cybersecurity checklist for medical institutions of the Japanese Ministry of Health, Labour and Welfare. As part of this review, we have ${input.disclosure ? 'examined the security disclosure you provided for' : 'looked for a security disclosure for'} your product ${input.model.vendor} ${input.model.name}.`,
    `We would be grateful if you could provide the documents and answer the questions listed below by ${deadline}.`,
  ],
  beforeItems: [],
  heading: {
    product: 'Product concerned',
    missing: 'Documents we ask you to provide',
    questions: 'Questions about the disclosure',
    discrepancies: 'Network ports we observed that differ from the disclosure',
    reply: 'How to reply',
  },
  product: (input) => [
    `Manufacturer: ${input.recipient.manufacturer}`,
    `Product: ${input.model.vendor} ${input.model.name}`,
    disclosureLine(input),
  ],
  missingIntro: 'We have not received the following documents. Please provide them.',
  missing: {
    mds2: 'MDS2 (ANSI/NEMA HN 1-2019): the completed Manufacturer Disclosure Statement for Medical Device Security',
    'mds-sds':
      'MDS/SDS (JAHIS/JIRA standard): the security disclosure following the items of the MHLW security guideline',
    sbom: 'SBOM (software bill of materials): the software components in the product (operating system, libraries) and their versions',
    'declared-ports':
      'A list of the network ports and protocols the product uses: port number, TCP/UDP, direction (incoming/outgoing), purpose and whether the traffic is encrypted (our fill-in template may be used)',
    cvd: 'Your coordinated vulnerability disclosure policy: where vulnerabilities can be reported and how you publish vulnerability information and security updates',
  },
  questionsIntro:
    'Some questions of the disclosure are unanswered, point to notes we cannot find, contradict each other or are unclear. Please clarify them. The question IDs are those of the disclosure form.',
  questionColumns: ['No.', 'Question ID', 'Why we ask', 'What we ask'],
  why: (q) => {
    const cited = citationList(q.citations, (a) => ANSWERS[a] ?? a)
    return `${REASONS[q.reason] ?? q.reason}${cited ? ` (${cited})` : ''}`
  },
  question: (q) => q.textEn,
  discrepanciesIntro:
    'A network survey at our hospital found traffic on devices running your product that differs from the disclosure. Please tell us what each port is used for and, where it is not needed, how it can be disabled.',
  discrepancyColumns: ['Device', 'Port', 'What we observed', 'Service'],
  status: {
    'undeclared-open': 'Open, but not in the disclosure',
    'cleartext-where-tls': 'Declared as encrypted (TLS), but unencrypted traffic was observed',
    'declared-unseen': 'In the disclosure, but not observed in our survey',
    'declared-seen': 'As disclosed',
  },
  nothingOpen:
    'We have no further questions at present. Please confirm that the disclosure is the current version and that you will inform us when it is updated.',
  reply: (input, deadline) => {
    const h = input.hospital
    const to = present(h.contactPerson, h.email && `email ${h.email}`, h.phone && `telephone ${h.phone}`)
    return `Please reply by ${deadline} to ${h.name}${h.department ? `, ${h.department}` : ''}${to.length > 0 ? ` (${to.join(', ')})` : ''}. We would appreciate documents as electronic files, and answers that quote the question ID of each item.`
  },
  closing: (input) => [
    { kind: 'paragraph', text: 'Yours faithfully,' },
    { kind: 'address', lines: present(input.hospital.contactPerson, input.hospital.name, input.hospital.department) },
  ],
}
