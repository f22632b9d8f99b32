import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { FeedProblem } from '../../core/vulns/model.js'
import { fileProblem } from './input.js'

/**
 * XML for the feed and SBOM readers (JVN, CycloneDX XML). Entity expansion is OFF — a DOCTYPE's own entities (the
 * "billion laughs" bomb) stay as written, never multiplied; only the five XML entities and character references are
 * decoded, by us, in one pass. Namespace prefixes are dropped (`sec:cvss` → `cvss`), attributes are `@name`, every
 * value stays text. Nesting is capped. A syntax error is one `notXml` problem with its line and column.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (all, e: string) => {
    if (e[0] !== '#') return NAMED[e]!
    const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
  })
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  maxNestedTags: 64,
  // CDATA is kept apart so it is never entity-decoded (`<![CDATA[a &amp; b]]>` means those characters).
  cdataPropName: '#cdata',
  tagValueProcessor: (_name, value) => decodeEntities(value),
  attributeValueProcessor: (_name, value) => decodeEntities(value),
})

export type XmlNode = Record<string, unknown>

/** Parses XML text; a syntax error (or too deep) is one error problem. */
export function parseXml(text: string, file: string): { ok: true; doc: XmlNode } | { ok: false; problem: FeedProblem } {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true })
  if (valid !== true)
    return {
      ok: false,
      problem: fileProblem(file, 'notXml', {
        why: valid.err.msg.slice(0, 120),
        line: valid.err.line,
        column: valid.err.col,
      }),
    }
  try {
    return { ok: true, doc: parser.parse(text) as XmlNode }
  } catch (err) {
    return {
      ok: false,
      problem: fileProblem(file, 'notXml', {
        why: String((err as Error).message).slice(0, 120),
        line: '?',
        column: '?',
      }),
    }
  }
}

/** A child that may occur once or many times, always as a list. */
export const many = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])

/** The text of an element (`<a>x</a>` or `<a lang="ja">x</a>`), or null. */
export function text(v: unknown): string | null {
  if (Array.isArray(v)) v = v[0]
  if (typeof v === 'string') return v.trim() || null
  if (v === null || typeof v !== 'object') return null
  const node = v as XmlNode
  const parts = [node['#text'], ...many(node['#cdata'])].filter((x): x is string => typeof x === 'string')
  return parts.join('').trim() || null
}

export const isNode = (v: unknown): v is XmlNode => v !== null && typeof v === 'object' && !Array.isArray(v)
