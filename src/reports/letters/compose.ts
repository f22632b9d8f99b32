import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import { addDays, parseLetterDate, REPLY_DAYS } from './dates.js'
import type { LetterInput } from './letter-input.js'
import type { LetterTexts } from './texts.js'

/**
 * Lays out a letter to a manufacturer: date, addressee, sender, subject, opening, then numbered items — the product,
 * what is missing, open questions (a table: question id, why we ask, what we ask), ports seen on the hospital's
 * devices that differ from the declaration (a table) and where to reply — then the closing. Items with nothing to
 * say are left out and the rest renumbered.
 */
export function layoutLetter(raw: LetterInput, texts: LetterTexts): DocumentModel {
  const input = withoutBlanks(raw)
  const date = parseLetterDate(input.date, { en: 'the letter date', ja: '書簡の日付' })
  const deadline = texts.date(addDays(date, REPLY_DAYS))
  const subject = texts.subject(input.model)
  const items: { heading: string; blocks: DocumentBlock[] }[] = [
    { heading: texts.heading.product, blocks: [{ kind: 'address', lines: texts.product(input) }] },
  ]
  if (input.missing.length > 0) {
    items.push({
      heading: texts.heading.missing,
      blocks: [
        { kind: 'paragraph', text: texts.missingIntro },
        { kind: 'list', ordered: false, items: input.missing.map((m) => texts.missing[m]) },
      ],
    })
  }
  if (input.questions.length > 0) {
    items.push(
      tableItem(
        texts.heading.questions,
        texts.questionsIntro,
        texts.questionColumns,
        [0.55, 1.1, 2, 5],
        input.questions.map((q, i) => [String(i + 1), q.questionId, texts.why(q), texts.question(q)]),
      ),
    )
  }
  if (input.discrepancies.length > 0) {
    items.push(
      tableItem(
        texts.heading.discrepancies,
        texts.discrepanciesIntro,
        texts.discrepancyColumns,
        [2.3, 1.5, 3.5, 1.5],
        input.discrepancies.map((d) => [
          d.device,
          `${d.port}/${d.transport}`,
          texts.status[d.status],
          d.service ?? '—',
        ]),
      ),
    )
  }
  if (input.missing.length + input.questions.length + input.discrepancies.length === 0) {
    items.push({ heading: texts.heading.questions, blocks: [{ kind: 'paragraph', text: texts.nothingOpen }] })
  }
  items.push({ heading: texts.heading.reply, blocks: [{ kind: 'paragraph', text: texts.reply(input, deadline) }] })

  return {
    lang: input.lang,
    title: subject,
    author: input.hospital.name,
    blocks: [
      { kind: 'paragraph', text: texts.date(date), align: 'right' },
      { kind: 'address', lines: texts.recipient(input.recipient) },
      { kind: 'address', lines: texts.sender(input.hospital), align: 'right' },
      { kind: 'heading', level: 1, text: subject, align: 'center' },
      ...texts.opening(input, deadline).map((text): DocumentBlock => ({ kind: 'paragraph', text })),
      ...texts.beforeItems,
      ...items.flatMap((item, i): DocumentBlock[] => [
        { kind: 'heading', level: 2, text: `${i + 1}. ${item.heading}` },
        ...item.blocks,
      ]),
      ...texts.closing(input),
    ],
  }
}

/** Settings store blank fields as "" or " " as often as null: treat them all as "not set". */
function withoutBlanks(input: LetterInput): LetterInput {
  const v = (s: string | null) => (s && s.trim() !== '' ? s.trim() : null)
  const h = input.hospital
  return {
    ...input,
    hospital: {
      name: h.name.trim(),
      department: v(h.department),
      address: v(h.address),
      contactPerson: v(h.contactPerson),
      email: v(h.email),
      phone: v(h.phone),
    },
    recipient: { manufacturer: input.recipient.manufacturer.trim(), department: v(input.recipient.department) },
  }
}

/** A numbered item made of an introducing sentence and a table. */
function tableItem(
  heading: string,
  intro: string,
  headers: readonly string[],
  widths: readonly number[],
  rows: string[][],
): { heading: string; blocks: DocumentBlock[] } {
  return {
    heading,
    blocks: [
      { kind: 'paragraph', text: intro, keepWithNext: true },
      { kind: 'table', columns: headers.map((header, i) => ({ header, width: widths[i] ?? 1 })), rows },
    ],
  }
}
