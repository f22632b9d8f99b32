/**
 * The contact chart picture (ADR 0043): whatever people type into names, roles and phones — markup, ampersands,
 * quotes, control characters, Japanese — the SVG stays well-formed XML with every contact as its own box, and a cycle
 * or an arrow to a missing contact still lays out.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Contact } from '../../api/bcp.js'
import { contactChartSvg, escapeXml } from '../../src/core/bcp-plans/chart.js'

const contact = (id: string, over: Partial<Contact> = {}): Contact => ({
  id,
  name: id,
  role: '',
  organisation: '',
  kind: 'internal',
  phone: '',
  email: '',
  availability: '',
  notifies: [],
  order: 0,
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...over,
})

/** A strict enough check of what an SVG reader needs: tags balanced, no raw `<` or `&` outside tags and entities. */
function wellFormed(svg: string): boolean {
  const stack: string[] = []
  const text = svg.replace(/<(\/?)([a-zA-Z]+)([^<>]*?)(\/?)>/g, (_m, close: string, tag: string, _a, self: string) => {
    if (close) {
      if (stack.pop() !== tag) stack.push('!mismatch')
    } else if (!self) stack.push(tag)
    return ''
  })
  const danglingAmp = /&(?!(amp|lt|gt|quot|apos);)/.test(text)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none slipped through
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(svg)
  return stack.length === 0 && !text.includes('<') && !text.includes('>') && !danglingAmp && !control
}

describe('contact chart SVG', () => {
  it('escapes markup and ampersands in every text', () => {
    const svg = contactChartSvg(
      [
        contact('a', { name: '<script>alert(1)</script>', role: 'R&D "x"', phone: "0'1", notifies: ['b'] }),
        contact('b', { name: '院長 & 副院長', kind: 'police' }),
      ],
      'ja',
    )
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(svg).toContain('院長 &amp; 副院長')
    expect(svg).toContain('R&amp;D &quot;x&quot;')
    expect(wellFormed(svg)).toBe(true)
    expect(escapeXml('a\u0000b\u001fc\ud800d')).toBe('abcd')
  })

  it('lays out a cycle and ignores an arrow to a missing contact', () => {
    const svg = contactChartSvg(
      [contact('a', { notifies: ['b', 'gone'] }), contact('b', { notifies: ['c'] }), contact('c', { notifies: ['a'] })],
      'en',
    )
    expect(svg.match(/marker-end=/g)).toHaveLength(3)
    expect(svg).toContain('no phone number')
    expect(svg).not.toMatch(/NaN/)
  })

  it('says so when there are no contacts', () => {
    expect(contactChartSvg([], 'ja')).toContain('連絡先がまだ登録されていません。')
  })

  it('stays well-formed with every contact drawn, whatever the texts and arrows', () => {
    const kinds = ['internal', 'vendor', 'authority', 'police', 'other'] as const
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 60, unit: 'binary' }),
            role: fc.string({ maxLength: 60 }),
            phone: fc.string({ maxLength: 30 }),
            kind: fc.constantFrom(...kinds),
            to: fc.array(fc.nat(12), { maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.constantFrom('ja' as const, 'en' as const),
        (rows, lang) => {
          const items = rows.map((r, i) =>
            contact(`c${i}`, {
              name: r.name,
              role: r.role,
              phone: r.phone,
              kind: r.kind,
              notifies: r.to.map((j) => `c${j}`),
            }),
          )
          const svg = contactChartSvg(items, lang)
          expect(wellFormed(svg)).toBe(true)
          expect(svg).not.toMatch(/NaN|undefined/)
          for (const c of items) expect(svg).toContain(`data-contact="${c.id}"`)
        },
      ),
      { numRuns: 150 },
    )
  })
})
