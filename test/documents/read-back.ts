import JSZip from 'jszip'
import { extractText, getDocumentProxy } from 'unpdf'

/** Test helpers that read written documents back the way a reader's software would. */

/** The text of every page of a PDF, as a PDF reader's copy/search sees it, and the page count. */
export async function pdfText(pdf: Buffer): Promise<{ pages: string[]; totalPages: number }> {
  // verbosity 0: pdf.js warns about TrueType hinting programs it does not run ("TT: undefined function"); hinting
  // only affects rasterising at small sizes, not the text.
  const proxy = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 })
  const { text, totalPages } = await extractText(proxy, { mergePages: false })
  return { pages: text, totalPages }
}

/** One XML part of a .docx (default: the body, word/document.xml), after opening the file as a zip. */
export async function docxBody(docx: Buffer, name = 'word/document.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(docx)
  const part = zip.file(name)
  if (!part) throw new Error(`${name} missing`)
  return part.async('string')
}

/** The visible text of a .docx body: the contents of its <w:t> runs, joined. */
export function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1] ?? '')).join('')
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}
