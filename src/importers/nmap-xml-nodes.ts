import type { ProbeObservation } from '../core/discovery/observation.js'

/**
 * Reading the tree fast-xml-parser makes of an nmap XML file: element lists, attributes and text with character
 * references decoded once, epoch times, and NSE script output as plain data. Pure helpers of ./nmap-xml.ts.
 */

/** One parsed element: attributes and child elements by name. */
export type Node = Record<string, unknown>

export function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
export function nodes(v: unknown): Node[] {
  if (Array.isArray(v)) return v.filter(isNode)
  return isNode(v) ? [v] : []
}
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/**
 * Decodes XML character references once (XML 1.0 §4.1, §4.6). The parser is told not to, because it left numeric
 * references in attributes undecoded, and nmap writes newlines in script output as `&#xa;`.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? all
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all
  })
}

export function str(n: Node | undefined, key: string): string | null {
  const v = n?.[key]
  if (typeof v === 'string') return decodeEntities(v)
  if (typeof v === 'number') return String(v)
  return null
}
export function text(v: unknown): string {
  if (typeof v === 'string') return decodeEntities(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (isNode(v)) return str(v, '#text') ?? ''
  return ''
}

export function epoch(s: string | null): string | null {
  if (!s || !/^\d{1,12}$/.test(s)) return null
  const d = new Date(Number(s) * 1000)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** Script element/table content → plain data (tables keyed when they have keys, lists otherwise). */
function scriptData(n: Node, depth = 0): unknown {
  if (depth > 20) return null
  const elems = nodes(n.elem)
  const tables = nodes(n.table)
  const rawElems = Array.isArray(n.elem) ? n.elem : n.elem === undefined ? [] : [n.elem]
  const keyed = [...elems, ...tables].some((e) => str(e, 'key') !== null)
  if (keyed) {
    const out: Record<string, unknown> = {}
    let i = 0
    for (const e of rawElems) out[(isNode(e) && str(e, 'key')) || String(i++)] = text(e)
    for (const t of tables) out[str(t, 'key') ?? String(i++)] = scriptData(t, depth + 1)
    return out
  }
  return [...rawElems.map(text), ...tables.map((t) => scriptData(t, depth + 1))]
}

export function scriptObservation(s: Node): ProbeObservation | null {
  const id = str(s, 'id')
  if (!id) return null
  const data = scriptData(s)
  const facts: Record<string, unknown> = isNode(data) ? { ...data } : { values: data }
  return { probeId: `nmap:${id}`, outcome: 'observed', facts, evidence: str(s, 'output') ?? '' }
}
