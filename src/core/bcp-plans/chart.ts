import dagre from '@dagrejs/dagre'
import type { Contact } from '../../../api/bcp.js'

/**
 * The contact chain (連絡体制図) as an SVG picture (ADR 0043): one box per contact (name, role, phone) coloured by
 * kind, an arrow per "notifies", laid out top-down by dagre (cycles are allowed: dagre reverses an edge of each cycle
 * for ranking and still draws it). Pure: a string, no I/O. Every text is XML-escaped; control characters are dropped.
 */

export const CONTACT_COLORS: Record<Contact['kind'], { fill: string; stroke: string }> = {
  internal: { fill: '#e8f0f8', stroke: '#1f5f8b' },
  vendor: { fill: '#fdf1e3', stroke: '#e8710a' },
  authority: { fill: '#eef5ec', stroke: '#4a7a50' },
  police: { fill: '#f7e6e5', stroke: '#b3261e' },
  other: { fill: '#f0f1f2', stroke: '#8a949c' },
}

const KIND_WORDS: Record<Contact['kind'], { ja: string; en: string }> = {
  internal: { ja: '院内', en: 'Hospital' },
  vendor: { ja: '事業者', en: 'Vendor' },
  authority: { ja: '行政', en: 'Authority' },
  police: { ja: '警察', en: 'Police' },
  other: { ja: 'その他', en: 'Other' },
}

/** XML text: & < > " ' escaped, control characters (not tab/newline) removed. */
export function escapeXml(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      c === 0x7f ||
      c === 0xfffe ||
      c === 0xffff ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      continue
    out +=
      ch === '&'
        ? '&amp;'
        : ch === '<'
          ? '&lt;'
          : ch === '>'
            ? '&gt;'
            : ch === '"'
              ? '&quot;'
              : ch === "'"
                ? '&apos;'
                : ch
  }
  return out
}

/** Approximate width in px at `size`: full-width characters 1 em, others 0.6 em. */
function textWidth(s: string, size: number): number {
  let w = 0
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.6
  return w * size
}

const cut = (s: string, n: number) => {
  const chars = [...s]
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s
}

const NAME = 15
const SMALL = 12
const PAD = 10

/** The chart; `lang` picks the legend's words and "no phone". An empty chain gives a picture that says so. */
export function contactChartSvg(items: readonly Contact[], lang: 'ja' | 'en'): string {
  const ja = lang === 'ja'
  const noPhone = ja ? '電話番号 未登録' : 'no phone number'
  const font = `font-family="'Noto Sans JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif"`
  if (items.length === 0) {
    const msg = ja ? '連絡先がまだ登録されていません。' : 'No contacts yet.'
    return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80" viewBox="0 0 400 80" role="img"><title>${escapeXml(msg)}</title><text x="20" y="45" ${font} font-size="15">${escapeXml(msg)}</text></svg>`
  }
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, marginx: 16, marginy: 16 })
  g.setDefaultEdgeLabel(() => ({}))
  const known = new Set(items.map((c) => c.id))
  const lines = new Map<string, { name: string; role: string; phone: string }>()
  for (const c of items) {
    const l = {
      name: cut(c.name, 40),
      role: cut([c.role, c.organisation].filter(Boolean).join(' / '), 30),
      phone: c.phone ? cut(`☎ ${c.phone}${c.availability ? ` (${c.availability})` : ''}`, 34) : noPhone,
    }
    lines.set(c.id, l)
    const width = Math.max(140, textWidth(l.name, NAME), textWidth(l.role, SMALL), textWidth(l.phone, SMALL)) + PAD * 2
    g.setNode(c.id, { width: Math.ceil(width), height: l.role ? 70 : 54 })
  }
  for (const c of items) for (const to of c.notifies) if (to !== c.id && known.has(to)) g.setEdge(c.id, to)
  dagre.layout(g)
  const graph = g.graph()
  const legendH = 30
  const width = Math.max(320, Math.ceil(graph.width ?? 0))
  const height = Math.ceil(graph.height ?? 0) + legendH
  const out: string[] = []
  const title = ja ? '連絡体制図' : 'Contact chain'
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ${font}>`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  )
  for (const e of g.edges()) {
    const pts: { x: number; y: number }[] = g.edge(e).points ?? []
    if (pts.length < 2) continue
    const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')
    out.push(`<path d="${d}" fill="none" stroke="#444" stroke-width="1.4" marker-end="url(#arrow)"/>`)
  }
  for (const c of items) {
    const n = g.node(c.id)
    const l = lines.get(c.id)
    if (!n || !l) continue
    const x = n.x - n.width / 2
    const y = n.y - n.height / 2
    const col = CONTACT_COLORS[c.kind]
    out.push(
      `<g data-contact="${escapeXml(c.id)}"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width}" height="${n.height}" rx="6" fill="${col.fill}" stroke="${col.stroke}" stroke-width="1.6"/>`,
      `<text x="${(x + PAD).toFixed(1)}" y="${(y + 21).toFixed(1)}" font-size="${NAME}" font-weight="bold" fill="#111">${escapeXml(l.name)}</text>`,
    )
    let ty = y + 21
    if (l.role) {
      ty += 17
      out.push(
        `<text x="${(x + PAD).toFixed(1)}" y="${ty.toFixed(1)}" font-size="${SMALL}" fill="#333">${escapeXml(l.role)}</text>`,
      )
    }
    ty += 17
    out.push(
      `<text x="${(x + PAD).toFixed(1)}" y="${ty.toFixed(1)}" font-size="${SMALL}" fill="${c.phone ? '#111' : '#b3261e'}">${escapeXml(l.phone)}</text></g>`,
    )
  }
  // Legend: the colours by kind.
  let lx = 16
  const ly = height - 12
  for (const k of Object.keys(CONTACT_COLORS) as Contact['kind'][]) {
    const col = CONTACT_COLORS[k]
    const word = ja ? KIND_WORDS[k].ja : KIND_WORDS[k].en
    out.push(
      `<rect x="${lx}" y="${ly - 11}" width="14" height="14" fill="${col.fill}" stroke="${col.stroke}"/>`,
      `<text x="${lx + 19}" y="${ly}" font-size="${SMALL}" fill="#333">${escapeXml(word)}</text>`,
    )
    lx += 19 + textWidth(word, SMALL) + 16
  }
  out.push('</svg>')
  return out.join('\n')
}
