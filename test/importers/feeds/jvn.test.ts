import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { translate } from '../../../src/core/messages/translate.js'
import { cpe22to23, readJvn } from '../../../src/importers/feeds/jvn.js'
import { parseXml, text } from '../../../src/importers/feeds/xml.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/feeds', name))
const bytes = (s: string) => new TextEncoder().encode(s)

describe('readJvn', () => {
  it('reads a VULDEF document: Japanese title and overview, affected products with CPE 2.3, CVSS 3.0 and 4.0, CVEs', () => {
    const feed = readJvn(fixture('jvn-vuldef-bluekeep.xml'), 'vuldef.xml')
    expect(feed.problems).toEqual([])
    expect(feed.documents.map((d) => d.id)).toEqual(['JVNDB-2099-000708', 'JVNDB-2099-004711'])
    const [blueKeep, pump] = feed.documents
    expect(blueKeep).toMatchObject({
      source: 'jvn',
      category: 'jvn',
      titleJa: 'Microsoft Windows の Remote Desktop Services における任意のコードを実行される脆弱性',
      released: '2019-05-15T16:30+09:00',
      updated: '2019-07-01T10:11+09:00',
    })
    expect(blueKeep!.summaryJa).toContain('認証を必要とせず')
    expect(blueKeep!.products[0]).toMatchObject({
      vendor: 'マイクロソフト',
      productName: 'Microsoft Windows 7',
      versionRange: 'SP1',
      cpe: 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*',
    })
    expect(blueKeep!.vulnerabilities).toHaveLength(1)
    expect(blueKeep!.vulnerabilities[0]).toMatchObject({
      cve: 'CVE-2019-0708',
      cwe: 'CWE-416',
      status: { 'JVNDB-2099-000708#0': 'known_affected', 'JVNDB-2099-000708#1': 'known_affected' },
    })
    expect(blueKeep!.vulnerabilities[0]!.scores[0]!.cvssV3).toEqual({
      version: '3.0',
      vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      baseScore: 9.8,
    })
    // The five XML entities are decoded, once.
    expect(pump!.summaryJa).toContain('<注> 架空の製品です & 試験用です。')
    expect(pump!.products[0]!.versionRange).toBe('3.2 およびそれ以前')
    expect(feed.cves.map((c) => [c.id, c.source, c.cvss3?.baseScore, c.cvss4?.baseScore, c.cwes])).toEqual([
      ['CVE-2019-0708', 'jvn', 9.8, undefined, ['CWE-416']],
      ['CVE-2099-0001', 'jvn', undefined, 9.3, ['CWE-306']],
    ])
    expect(feed.cves[0]!.descriptionJa).toContain('Remote Desktop Services')
  })

  it('reads the RSS overview list into the same advisories', () => {
    const feed = readJvn(fixture('jvn-overview-rss.xml'), 'overview.xml')
    expect(feed.problems).toEqual([])
    expect(feed.documents.map((d) => [d.id, d.url, d.products.length, d.vulnerabilities[0]!.cve])).toEqual([
      ['JVNDB-2099-000708', 'https://jvndb.jvn.jp/ja/contents/2099/JVNDB-2099-000708.html', 2, 'CVE-2019-0708'],
      ['JVNDB-2099-004711', 'https://jvndb.jvn.jp/ja/contents/2099/JVNDB-2099-004711.html', 1, 'CVE-2099-0001'],
    ])
    expect(feed.documents[1]!.products[0]).toMatchObject({
      vendor: '例示医療機器',
      name: 'IP-200 ファームウェア',
      cpe: 'cpe:2.3:o:example_medical:ip-200_firmware:*:*:*:*:*:*:*:*',
    })
    expect(feed.cves[0]).toMatchObject({ id: 'CVE-2019-0708', cvss3: { baseScore: 9.8 }, cwes: ['CWE-416'] })
  })

  it('never expands a DOCTYPE’s entities (billion laughs stays a few hundred bytes)', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')
    const bomb = `<?xml version="1.0"?><!DOCTYPE VULDEF-Document [<!ENTITY lol0 "lol">${levels}]>
<VULDEF-Document><Vulinfo><VulinfoID>JVNDB-2099-000001</VulinfoID><VulinfoData><Title>&lol10;</Title>
<Related><RelatedItem><VulinfoID>CVE-2099-0002</VulinfoID></RelatedItem></Related></VulinfoData></Vulinfo></VULDEF-Document>`
    const feed = readJvn(bytes(bomb), 'bomb.xml')
    const title = feed.documents[0]?.title ?? ''
    expect(title.length).toBeLessThan(100)
    expect(JSON.stringify(feed).length).toBeLessThan(5000)
  })

  it('refuses broken XML and other XML with one error; skips an entry without its id', () => {
    const broken = readJvn(fixture('jvn-vuldef-bluekeep.xml').subarray(0, 700), 'cut.xml')
    expect(broken.problems).toMatchObject([{ severity: 'error', code: 'notXml' }])
    expect(translate('ja', 'feeds.problem.notXml', broken.problems[0]!.params)).toMatch(/\d+ 行 \d+ 列/)
    const other = readJvn(bytes('<html><body/></html>'), 'page.html')
    expect(other.problems).toMatchObject([{ severity: 'error', code: 'notJvn', params: { found: 'XML <html>' } }])
    const noId = readJvn(bytes('<VULDEF-Document><Vulinfo><VulinfoData/></Vulinfo></VULDEF-Document>'), 'x.xml')
    expect(noId.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['missing VULDEF-Document.Vulinfo[0].VulinfoID'])
  })

  it('reports a MyJVN error answer as one error', () => {
    const answer = `<?xml version="1.0" encoding="UTF-8"?><VULDEF-Document xmlns:status="http://jvndb.jvn.jp/myjvn/Status">
<status:Status version="3.3" method="getVulnDetailInfo" retCd="1" errCd="E1003" errMsg="パラメタ不正" totalRes="0"/></VULDEF-Document>`
    const feed = readJvn(bytes(answer), 'myjvn.xml')
    expect(feed.documents).toEqual([])
    expect(feed.problems).toMatchObject([
      { severity: 'error', code: 'jvnError', params: { code: 'E1003', why: 'パラメタ不正' } },
    ])
    expect(translate('ja', 'feeds.problem.jvnError', feed.problems[0]!.params)).toContain('E1003')
  })

  it('decodes entities in text once, and never inside CDATA', () => {
    const parsed = parseXml('<a><b>x &amp;amp; &#x3042;</b><c><![CDATA[y &amp; z]]></c></a>', 'a.xml')
    if (!parsed.ok) throw new Error('not parsed')
    const a = parsed.doc.a as Record<string, unknown>
    expect([text(a.b), text(a.c)]).toEqual(['x &amp; あ', 'y &amp; z'])
  })

  it('turns CPE 2.2 URIs into CPE 2.3 strings', () => {
    expect(cpe22to23('cpe:/a:apache:tomcat:9.0.30')).toBe('cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*')
    expect(cpe22to23('cpe:/h:ge:carescape_b450')).toBe('cpe:2.3:h:ge:carescape_b450:*:*:*:*:*:*:*:*')
    expect(cpe22to23('cpe:/a:vendor:prod%3a1:1.0')).toBe('cpe:2.3:a:vendor:prod\\:1:1.0:*:*:*:*:*:*:*')
    expect(cpe22to23('not a cpe')).toBeNull()
  })
})
