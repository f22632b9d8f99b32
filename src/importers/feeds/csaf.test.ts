import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { translate } from '../../core/messages/translate.js'
import { readCsaf } from './csaf.js'

const XTR = readFileSync(join(import.meta.dirname, '../../../test/fixtures/feeds/icsma-20-049-01.json'))
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v))

describe('readCsaf', () => {
  it('flattens the product tree of a CISA medical advisory and reads its vulnerability', () => {
    const doc = readCsaf(XTR, 'icsma-20-049-01.json')
    expect(doc.problems).toEqual([])
    expect(doc.id).toBe('ICSMA-20-049-01')
    expect(doc.category).toBe('csaf_security_advisory')
    const xtr = doc.products.find((p) => p.version === '1.0.2')
    expect(xtr).toMatchObject({
      vendor: 'Spacelabs',
      productName: 'Xhibit Telemetry Receiver (XTR) Model number 96280',
    })
    expect(doc.products.find((p) => p.productName === 'Windows XP')?.version).toBe('vers:all/*')
    const [v] = doc.vulnerabilities
    expect(v?.cve).toBe('CVE-2019-0708')
    expect(v?.status[xtr!.productId]).toBe('known_affected')
    expect(v?.scores[0]?.cvssV3).toMatchObject({ baseScore: 9.8, version: '3.0' })
    expect(v?.remediations.map((r) => r.category)).toContain('vendor_fix')
  })

  it('reads VEX statuses and justifications, and flags ids the tree does not define', () => {
    const vex = {
      document: { csaf_version: '2.0', category: 'csaf_vex', title: 'VEX', tracking: { id: 'VEX-1', version: '1' } },
      product_tree: {
        branches: [
          {
            category: 'vendor',
            name: 'Example Medical',
            branches: [
              {
                category: 'product_name',
                name: 'SP-2000',
                branches: [
                  {
                    category: 'product_version_range',
                    name: 'vers:generic/<3.0',
                    product: {
                      product_id: 'P1',
                      name: 'SP-2000 < 3.0',
                      product_identification_helper: {
                        model_numbers: ['SP-2000*'],
                        cpe: 'cpe:2.3:h:example:sp-2000:-:*:*:*:*:*:*:*',
                      },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
      vulnerabilities: [
        {
          cve: 'CVE-2019-0708',
          product_status: { known_not_affected: ['P1', 'P9'] },
          flags: [{ label: 'vulnerable_code_not_in_execute_path', product_ids: ['P1'] }],
        },
      ],
    }
    const doc = readCsaf(bytes(vex), 'vex.json')
    expect(doc.products[0]).toMatchObject({
      vendor: 'Example Medical',
      versionRange: 'vers:generic/<3.0',
      modelNumbers: ['SP-2000*'],
    })
    expect(doc.vulnerabilities[0]?.status).toEqual({ P1: 'known_not_affected', P9: 'known_not_affected' })
    expect(doc.vulnerabilities[0]?.justifications).toEqual({ P1: 'vulnerable_code_not_in_execute_path' })
    expect(doc.problems.map((p) => p.path)).toEqual(['vulnerabilities[0].product_status.known_not_affected'])
  })

  it('refuses what is not CSAF 2.0 with a message in both languages', () => {
    const v1 = readCsaf(bytes({ document: { csaf_version: '1.2' } }), 'old.json')
    expect(v1.problems).toMatchObject([{ severity: 'error', code: 'csafVersion' }])
    expect(translate('ja', 'feeds.problem.csafVersion', v1.problems[0]!.params)).toContain('1.2')
    expect(readCsaf(bytes({ vulnerabilities: [] }), 'kev.json').problems[0]?.code).toBe('notCsaf')
    expect(readCsaf(XTR.subarray(0, 900), 'cut.json').problems[0]?.code).toBe('notJson')
  })

  it('never throws on damaged documents', () => {
    const base = JSON.parse(XTR.toString())
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('product_tree', 'vulnerabilities', 'document'), (junk, key) => {
        const doc = readCsaf(
          bytes({ ...base, [key]: key === 'document' ? { ...base.document, tracking: junk } : junk }),
          'f.json',
        )
        expect(Array.isArray(doc.products)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
