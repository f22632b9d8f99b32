import { japaneseFont } from './fonts.js'
import {
  type AddressBlock,
  type CalloutBlock,
  CHART_COLORS,
  type ChartBlock,
  type ChartColor,
  type DocumentBlock,
  type DocumentModel,
  type HeadingBlock,
  type ListBlock,
  type ParagraphBlock,
  type TableBlock,
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
  // pdfkit (with fontkit) is loaded on first use: every CLI command builds every service, most write no PDF.
  const { default: PDFDocument } = await import('pdfkit')
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
    case 'callout':
      callout(pdf, block)
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
    case 'chart':
      chart(pdf, block)
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

const CALLOUT_SIZE = 20
const CALLOUT_TONE = { danger: '#C92A2A', warning: '#E67700', info: '#1864AB' } as const

/** A framed box: the title small, the text large and bold; the box grows with the text and never splits. */
function callout(pdf: Pdf, b: CalloutBlock): void {
  const pad = 10
  const inner = width(pdf) - pad * 2
  const text = t(b.text)
  const title = b.title ? t(b.title) : ''
  pdf.font('bold').fontSize(CALLOUT_SIZE)
  const textHeight = pdf.heightOfString(text, { width: inner })
  pdf.fontSize(BODY)
  const titleHeight = title ? pdf.heightOfString(title, { width: inner }) + 4 : 0
  const height = textHeight + titleHeight + pad * 2
  pdf.moveDown(0.3)
  keep(pdf, height + BODY)
  const top = pdf.y
  const colour = CALLOUT_TONE[b.tone]
  pdf.save().lineWidth(2.5).strokeColor(colour).rect(left(pdf), top, width(pdf), height).stroke().restore()
  if (title)
    pdf
      .font('bold')
      .fontSize(BODY)
      .fillColor(colour)
      .text(title, left(pdf) + pad, top + pad, { width: inner })
  pdf
    .font('bold')
    .fontSize(CALLOUT_SIZE)
    .fillColor('#000000')
    .text(text, left(pdf) + pad, top + pad + titleHeight, { width: inner })
  pdf.font('regular').fontSize(BODY)
  pdf.y = top + height
  pdf.moveDown(0.5)
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

const CHART_TEXT = 8
const BAR_ROW = 15
const LINE_HEIGHT = 120

/** A series' colour: its own, else the accent for the first series and grey for the others. */
export function seriesColor(b: ChartBlock, i: number): string {
  const named: ChartColor = b.series[i]?.color ?? (i === 0 ? 'accent' : 'grey')
  return CHART_COLORS[named]
}

/** A value as printed next to a bar or on an axis: whole numbers plain, others with one decimal. */
export function chartNumber(v: number, unit = ''): string {
  const n = Number.isInteger(v) ? String(v) : v.toFixed(1)
  return unit ? `${n} ${unit}`.replace(/ (%|点|台|件)$/u, '$1') : n
}

/** A chart as vector graphics: title, legend (more than one series), then horizontal bars or a line over the points. */
function chart(pdf: Pdf, b: ChartBlock): void {
  const points = b.points.map((p) => ({
    ...p,
    label: t(p.label),
    values: p.values.map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0)),
  }))
  const legend = b.series.length > 1 ? CHART_TEXT + 8 : 0
  const body = b.chart === 'line' ? LINE_HEIGHT + CHART_TEXT * 3 : Math.max(1, points.length) * BAR_ROW
  keep(pdf, BODY * 2 + legend + body + 6)
  pdf.font('bold').fontSize(BODY)
  pdf.text(t(b.title), left(pdf), pdf.y, { width: width(pdf) })
  pdf.moveDown(0.3)
  pdf.font('regular').fontSize(CHART_TEXT)
  if (legend > 0) {
    let x = left(pdf)
    const y = pdf.y
    // A stacked bar of one point (devices per band) shows each part's number in the legend.
    const single = b.chart === 'stackedBar' && points.length === 1 ? points[0] : undefined
    b.series.forEach((s, i) => {
      pdf
        .rect(x, y + 1, 7, 7)
        .fill(seriesColor(b, i))
        .fillColor('black')
      const name = single ? `${t(s.name)} ${chartNumber(single.values[i] ?? 0, b.unit)}` : t(s.name)
      pdf.text(name, x + 10, y, { lineBreak: false })
      x += 10 + pdf.widthOfString(name) + 12
    })
    pdf.x = left(pdf)
    pdf.y = y + legend
  }
  if (points.length === 0) {
    pdf.fontSize(BODY).text('—', left(pdf), pdf.y)
  } else if (b.chart === 'line') {
    lineChart(pdf, b, points)
  } else {
    barChart(pdf, b, points)
  }
  pdf.font('regular').fontSize(BODY).fillColor('black').strokeColor('black').lineWidth(1)
  pdf.x = left(pdf)
  pdf.moveDown(0.8)
}

function barChart(pdf: Pdf, b: ChartBlock, points: ChartBlock['points']): void {
  const stacked = b.chart === 'stackedBar'
  const total = (p: ChartBlock['points'][number]) =>
    stacked ? p.values.reduce((s, v) => s + v, 0) : (p.values[0] ?? 0)
  const max = b.max ?? Math.max(1, ...points.map(total))
  const labelW = width(pdf) * 0.34
  const valueW = width(pdf) * 0.16
  const barX = left(pdf) + labelW + 4
  const barW = width(pdf) - labelW - valueW - 8
  for (const p of points) {
    const y = pdf.y
    pdf
      .fillColor('black')
      .text(p.label, left(pdf), y + 2, { width: labelW, height: BAR_ROW - 2, ellipsis: true, lineBreak: false })
    pdf
      .rect(barX, y + 2, barW, BAR_ROW - 5)
      .lineWidth(0.4)
      .stroke('#c9d0d5')
    if (!p.note) {
      let x = barX
      const parts = stacked ? p.values : p.values.slice(0, 1)
      parts.forEach((v, i) => {
        const w = (Math.min(v, max) / max) * barW
        if (w > 0) pdf.rect(x, y + 2, w, BAR_ROW - 5).fill(seriesColor(b, i))
        x += w
      })
    }
    if (p.note) {
      // A figure without a bar (not published, not measurable) says so inside the empty bar, in grey.
      pdf
        .fillColor('#555555')
        .text(t(p.note), barX + 4, y + 2, { width: barW - 8, height: BAR_ROW - 2, lineBreak: false, ellipsis: true })
    } else {
      pdf
        .fillColor('black')
        .text(chartNumber(total(p), b.unit), barX + barW + 4, y + 2, { width: valueW, lineBreak: false })
    }
    pdf.x = left(pdf)
    pdf.y = y + BAR_ROW
  }
  if (b.marker && b.marker.value >= 0 && b.marker.value <= max) {
    const x = barX + (b.marker.value / max) * barW
    const top = pdf.y - points.length * BAR_ROW
    pdf
      .save()
      .lineWidth(0.8)
      .dash(2, { space: 2 })
      .strokeColor('#333333')
      .moveTo(x, top)
      .lineTo(x, pdf.y)
      .stroke()
      .restore()
    pdf
      .fillColor('#333333')
      .text(t(b.marker.label), x - 40, pdf.y + 1, { width: 80, align: 'center', lineBreak: false })
    pdf.x = left(pdf)
    pdf.y += CHART_TEXT + 4
  }
}

function lineChart(pdf: Pdf, b: ChartBlock, points: ChartBlock['points']): void {
  const values = points.flatMap((p) => p.values)
  const max = b.max ?? Math.max(1, ...values)
  const axisW = 34
  const x0 = left(pdf) + axisW
  const w = width(pdf) - axisW - 8
  const top = pdf.y + CHART_TEXT / 2
  const yAt = (v: number) => top + LINE_HEIGHT - (Math.min(v, max) / max) * LINE_HEIGHT
  const xAt = (i: number) => (points.length === 1 ? x0 + w / 2 : x0 + (i / (points.length - 1)) * w)
  pdf.lineWidth(0.4).strokeColor('#c9d0d5')
  for (const f of [0, 0.5, 1]) {
    const y = yAt(max * f)
    pdf
      .moveTo(x0, y)
      .lineTo(x0 + w, y)
      .stroke()
    pdf.fillColor('#555555').text(chartNumber(Math.round(max * f * 10) / 10), left(pdf), y - CHART_TEXT / 2 - 1, {
      width: axisW - 4,
      align: 'right',
      lineBreak: false,
    })
  }
  b.series.forEach((_, s) => {
    const color = seriesColor(b, s)
    pdf.lineWidth(1.5).strokeColor(color)
    points.forEach((p, i) => {
      const y = yAt(p.values[s] ?? 0)
      if (i === 0) pdf.moveTo(xAt(i), y)
      else pdf.lineTo(xAt(i), y)
    })
    pdf.stroke()
    if (points.length <= 31)
      for (const [i, p] of points.entries()) pdf.circle(xAt(i), yAt(p.values[s] ?? 0), 1.6).fill(color)
  })
  // The first, middle and last labels on the x axis: enough to read dates without crowding.
  const marks = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])]
  const yLabel = top + LINE_HEIGHT + CHART_TEXT
  for (const i of marks) {
    const label = points[i]?.label ?? ''
    const lw = 70
    const x = Math.min(Math.max(xAt(i) - lw / 2, left(pdf)), left(pdf) + width(pdf) - lw)
    pdf.fillColor('#333333').text(label, x, yLabel, { width: lw, align: 'center', lineBreak: false })
  }
  pdf.x = left(pdf)
  pdf.y = yLabel + CHART_TEXT * 2
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
