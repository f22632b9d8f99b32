import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { DOCX_FONT } from './fonts.js'
import type { ChartBlock, DocumentAlign, DocumentBlock, DocumentModel, TableBlock } from './model.js'
import { safeText } from './text.js'

/**
 * Renders a `DocumentModel` as a .docx with the `docx` library: real Word paragraphs, headings, numbered lists and
 * tables (header row repeated on each page), A4 with the PDF's margins, so a hospital can edit the letter in Word
 * before sending it. Fonts are not embedded: Word is asked for BIZ UDPGothic (shipped with Windows 10 and later) and
 * falls back to its own Japanese font elsewhere.
 */

const HALF_POINTS = 21 // 10.5 pt
const TABLE_HALF_POINTS = 18 // 9 pt, as in the PDF
const TWIPS_MARGIN = 1280 // 64 pt, the PDF's margin
const NUMBERED = 'mamori-numbered'
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const

/** The whole .docx as one Buffer. */
export async function renderDocx(doc: DocumentModel): Promise<Buffer> {
  const language = doc.lang === 'ja' ? { value: 'ja-JP', eastAsia: 'ja-JP' } : { value: 'en-GB', eastAsia: 'ja-JP' }
  const font = { ascii: DOCX_FONT, hAnsi: DOCX_FONT, eastAsia: DOCX_FONT, cs: DOCX_FONT }
  const run = { font, size: HALF_POINTS, language }
  const heading = (size: number) => ({ run: { font, size, bold: true, color: '000000', language } })
  let lists = 0
  const children = doc.blocks.flatMap((b) => {
    if (b.kind === 'list' && b.ordered) lists += 1
    return block(b, lists)
  })
  const document = new Document({
    creator: safeText(doc.author ?? 'Mamori'),
    title: safeText(doc.title),
    styles: {
      default: {
        document: { run },
        heading1: heading(26),
        heading2: heading(23),
        heading3: heading(HALF_POINTS),
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 480, hanging: 480 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin: { top: TWIPS_MARGIN, bottom: TWIPS_MARGIN, left: TWIPS_MARGIN, right: TWIPS_MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return Packer.toBuffer(document)
}

function block(b: DocumentBlock, listInstance: number): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: HEADINGS[b.level],
          alignment: align(b.align),
          spacing: { before: 200, after: 120 },
          keepNext: true,
          children: lines(b.text, false),
        }),
      ]
    case 'paragraph':
      return [
        new Paragraph({
          alignment: align(b.align),
          spacing: { after: 120 },
          keepNext: b.keepWithNext === true,
          children: lines(b.text, b.bold),
        }),
      ]
    case 'callout': {
      const colour = b.tone === 'danger' ? 'C92A2A' : b.tone === 'warning' ? 'E67700' : '1864AB'
      const border = { style: BorderStyle.SINGLE, size: 18, color: colour, space: 6 }
      const boxed = { top: border, bottom: border, left: border, right: border }
      const title = b.title
        ? [
            new Paragraph({
              border: boxed,
              keepNext: true,
              children: [new TextRun({ text: safeText(b.title), bold: true, color: colour })],
            }),
          ]
        : []
      return [
        ...title,
        new Paragraph({ border: boxed, spacing: { after: 160 }, children: lines(b.text, true, CALLOUT_HALF_POINTS) }),
      ]
    }
    case 'address':
      return [
        ...b.lines
          .map(safeText)
          .filter((l) => l.trim() !== '')
          .map((l) => new Paragraph({ alignment: align(b.align), keepNext: true, children: [new TextRun(l)] })),
        new Paragraph({}),
      ]
    case 'list':
      return b.items.map(
        (item) =>
          new Paragraph({
            ...(b.ordered
              ? { numbering: { reference: NUMBERED, level: 0, instance: listInstance } }
              : { bullet: { level: 0 } }),
            spacing: { after: 60 },
            children: lines(item, false),
          }),
      )
    case 'table':
      // Word calls a table without cells corrupt.
      return b.columns.length > 0 ? [table(b), new Paragraph({})] : []
    case 'chart':
      return chartTable(b)
    case 'spacer':
      return [new Paragraph({})]
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true })]
  }
}

function align(a: DocumentAlign | undefined) {
  return ALIGN[a ?? 'left']
}

/** Text runs with Word line breaks where the text had "\n". */
/** 20 pt, as in the PDF: an instruction read from a step away. */
const CALLOUT_HALF_POINTS = 40

function lines(text: string, bold: boolean | undefined, size?: number): TextRun[] {
  return safeText(text)
    .split('\n')
    .map((l, i) => new TextRun({ text: l, bold: bold === true, break: i > 0 ? 1 : 0, ...(size ? { size } : {}) }))
}

function table(b: TableBlock): Table {
  const total = b.columns.reduce((s, c) => s + Math.max(c.width, 0.1), 0)
  const widths = b.columns.map((c) => Math.round((Math.max(c.width, 0.1) / total) * 100))
  const cell = (text: string, i: number, isHeader: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.PERCENTAGE },
      ...(isHeader ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8ECEF' } } : {}),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [new Paragraph({ children: lines(text, isHeader, TABLE_HALF_POINTS) })],
    })
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map((c, i) => cell(c.header, i, true)),
  })
  const rows = b.rows.map((r) => new TableRow({ children: b.columns.map((_, i) => cell(r[i] ?? '', i, false)) }))
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] })
}

/** A chart as Word sees it: its title and a small table of the same numbers (one column per series). */
function chartTable(b: ChartBlock): (Paragraph | Table)[] {
  const unit = b.unit ? ` (${b.unit})` : ''
  const value = (v: number | undefined) =>
    v === undefined || !Number.isFinite(v) ? '' : Number.isInteger(v) ? String(v) : v.toFixed(1)
  const columns = [{ header: '', width: 3 }, ...b.series.map((s) => ({ header: `${s.name}${unit}`, width: 2 }))]
  const rows = b.points.map((p) => [
    p.label,
    ...b.series.map((_, i) => (p.note && i === 0 ? p.note : p.note ? '' : value(p.values[i]))),
  ])
  const title = new Paragraph({ keepNext: true, spacing: { after: 80 }, children: lines(b.title, true) })
  if (rows.length === 0) return [title, new Paragraph({ children: [new TextRun('—')] })]
  return [title, table({ kind: 'table', columns, rows }), new Paragraph({})]
}
