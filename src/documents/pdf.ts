import PDFDocument from 'pdfkit'
import { japaneseFont } from './fonts.js'
import type {
  AddressBlock,
  DocumentBlock,
  DocumentModel,
  HeadingBlock,
  ListBlock,
  ParagraphBlock,
  TableBlock,
} from './model.js'
import { safeText } from './text.js'

/**
 * Renders a `DocumentModel` as an A4 PDF with pdfkit. The Japanese font (./fonts.ts) is embedded as a subset of the
 * glyphs used, with a ToUnicode map, so the text can be searched and copied and nothing depends on fonts installed on
 * the reader's machine. Tables repeat their header row on every page they span; every page carries "n / N".
 */

const MARGIN = 64 // about 22 mm, the margin of a Japanese business letter
const BODY = 10.5 // the usual body size of Japanese business documents (10.5 pt)
const TABLE = 9
const CELL_PAD = 4
const LINE_GAP = 3
const HEADING_SIZE = { 1: 13, 2: 11.5, 3: BODY } as const

type Pdf = PDFKit.PDFDocument

// pdfkit re-measures the rest of a word that is wider than the line after every line it cuts off, which takes
// minutes for a 20,000-character token (a hash, a URL, hostile input). Runs without a break opportunity are cut
// into lines of 60 characters first; CJK text breaks between characters and is left alone.
const UNBROKEN = /[^\s\u3000-\u9fff\uff00-\uffef]{61,}/gu
const LONG_RUN = /.{1,60}/gu

/** Untrusted text made safe (./text.ts) and cut where pdfkit would be slow to wrap it. */
function t(text: string): string {
  return safeText(text).replace(UNBROKEN, (run) => (run.match(LONG_RUN) ?? [run]).join('\n'))
}

/** The whole PDF as one Buffer. */
export async function renderPdf(doc: DocumentModel): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: true,
    lang: doc.lang === 'ja' ? 'ja-JP' : 'en-GB',
    displayTitle: true,
    info: { Title: safeText(doc.title), Author: safeText(doc.author ?? ''), Creator: 'Mamori', Producer: 'Mamori' },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve)
    pdf.on('error', reject)
  })
  pdf.registerFont('regular', japaneseFont('regular'))
  pdf.registerFont('bold', japaneseFont('bold'))
  pdf.font('regular').fontSize(BODY).lineGap(LINE_GAP)
  const bullet = doc.lang === 'ja' ? '・' : '•'
  for (const block of doc.blocks) renderBlock(pdf, block, bullet)
  numberPages(pdf)
  pdf.end()
  await ended
  return Buffer.concat(chunks)
}

function renderBlock(pdf: Pdf, block: DocumentBlock, bullet: string): void {
  switch (block.kind) {
    case 'heading':
      heading(pdf, block)
      return
    case 'paragraph':
      paragraph(pdf, block)
      return
    case 'address':
      address(pdf, block)
      return
    case 'list':
      list(pdf, block, bullet)
      return
    case 'table':
      // A table without columns has nothing to draw (and no width to share out).
      if (block.columns.length > 0) table(pdf, block)
      return
    case 'spacer':
      pdf.moveDown(0.8)
      return
    case 'pageBreak':
      pdf.addPage()
      return
  }
}

const left = (pdf: Pdf) => pdf.page.margins.left
const width = (pdf: Pdf) => pdf.page.width - pdf.page.margins.left - pdf.page.margins.right
const bottom = (pdf: Pdf) => pdf.page.height - pdf.page.margins.bottom

/** Starts a new page unless `height` points still fit, so a heading never ends a page alone. */
function keep(pdf: Pdf, height: number): void {
  if (pdf.y + height > bottom(pdf)) pdf.addPage()
}

function heading(pdf: Pdf, b: HeadingBlock): void {
  const size = HEADING_SIZE[b.level]
  pdf.moveDown(b.level === 1 ? 0.6 : 0.4)
  // A heading keeps room for itself and a few lines of what it introduces, so it never ends a page alone.
  keep(pdf, size * 2 + BODY * 8)
  pdf.font('bold').fontSize(size)
  pdf.text(t(b.text), left(pdf), pdf.y, { width: width(pdf), align: b.align ?? 'left' })
  pdf
    .font('regular')
    .fontSize(BODY)
    .moveDown(b.level === 1 ? 0.6 : 0.3)
}

function paragraph(pdf: Pdf, b: ParagraphBlock): void {
  pdf.font(b.bold ? 'bold' : 'regular').fontSize(BODY)
  const text = t(b.text)
  // Room for the paragraph and about three lines of what follows (a table header and its first row).
  if (b.keepWithNext) keep(pdf, pdf.heightOfString(text, { width: width(pdf) }) + BODY * 6)
  pdf.text(text, left(pdf), pdf.y, { width: width(pdf), align: b.align ?? 'left' })
  pdf.font('regular').moveDown(0.4)
}

function address(pdf: Pdf, b: AddressBlock): void {
  const lines = b.lines.map(t).filter((l) => l.trim() !== '')
  keep(pdf, lines.length * (BODY + LINE_GAP))
  for (const line of lines) pdf.text(line, left(pdf), pdf.y, { width: width(pdf), align: b.align ?? 'left' })
  pdf.moveDown(0.5)
}

function list(pdf: Pdf, b: ListBlock, bullet: string): void {
  const indent = BODY * 2.2
  b.items.forEach((raw, i) => {
    keep(pdf, BODY * 2)
    const y = pdf.y
    pdf.text(b.ordered ? `${i + 1}.` : bullet, left(pdf), y, { width: indent, lineBreak: false })
    pdf.text(t(raw), left(pdf) + indent, y, { width: width(pdf) - indent })
    pdf.moveDown(0.2)
  })
  pdf.moveDown(0.3)
}

function table(pdf: Pdf, b: TableBlock): void {
  const total = b.columns.reduce((s, c) => s + Math.max(c.width, 0.1), 0)
  const widths = b.columns.map((c) => (Math.max(c.width, 0.1) / total) * width(pdf))
  const header = b.columns.map((c) => t(c.header))
  pdf.fontSize(TABLE)
  const headerHeight = rowHeight(pdf, header, widths, 'bold')
  // A row taller than a page is cut to the page, with an ellipsis, instead of overflowing it.
  const tallest = bottom(pdf) - pdf.page.margins.top - headerHeight - 1
  const rows = b.rows.map((raw) => b.columns.map((_, i) => t(raw[i] ?? '')))
  const heights = rows.map((cells) => Math.min(rowHeight(pdf, cells, widths, 'regular'), tallest))
  // The header never ends a page alone: it starts where the first row fits below it.
  keep(pdf, headerHeight + (heights[0] ?? 0))
  pdf.fontSize(TABLE)
  drawRow(pdf, header, widths, headerHeight, true)
  rows.forEach((cells, r) => {
    const height = heights[r] ?? 0
    if (pdf.y + height > bottom(pdf)) {
      pdf.addPage()
      pdf.fontSize(TABLE)
      drawRow(pdf, header, widths, headerHeight, true)
    }
    drawRow(pdf, cells, widths, height, false)
  })
  pdf.font('regular').fontSize(BODY)
  pdf.x = left(pdf)
  pdf.moveDown(0.6)
}

function rowHeight(pdf: Pdf, cells: string[], widths: number[], font: 'regular' | 'bold'): number {
  pdf.font(font)
  let h = 0
  cells.forEach((c, i) => {
    h = Math.max(h, pdf.heightOfString(c || ' ', { width: (widths[i] ?? 0) - 2 * CELL_PAD }))
  })
  return h + 2 * CELL_PAD
}

function drawRow(pdf: Pdf, cells: string[], widths: number[], height: number, isHeader: boolean): void {
  const top = pdf.y
  let x = left(pdf)
  pdf.font(isHeader ? 'bold' : 'regular').fontSize(TABLE)
  cells.forEach((c, i) => {
    const w = widths[i] ?? 0
    if (isHeader) pdf.rect(x, top, w, height).fillAndStroke('#e8ecef', '#8a949c').fillColor('black')
    else pdf.rect(x, top, w, height).lineWidth(0.5).stroke('#8a949c')
    pdf.text(c, x + CELL_PAD, top + CELL_PAD, {
      width: w - 2 * CELL_PAD,
      height: height - 2 * CELL_PAD,
      ellipsis: true,
    })
    x += w
  })
  pdf.x = left(pdf)
  pdf.y = top + height
}

/** "n / N" centred below the text of every page (written last, when N is known). */
function numberPages(pdf: Pdf): void {
  const range = pdf.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i)
    const saved = pdf.page.margins.bottom
    // Writing inside the bottom margin would make pdfkit open a new page.
    pdf.page.margins.bottom = 0
    pdf.font('regular').fontSize(8)
    pdf.text(`${i + 1} / ${range.count}`, left(pdf), pdf.page.height - MARGIN / 2, {
      width: width(pdf),
      align: 'center',
      lineBreak: false,
    })
    pdf.page.margins.bottom = saved
  }
}
