import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, bool, type HttpInfoFacts, hitsOf, isRecord, str } from './facts.js'
import { draft, type FindingRule, findingText, incompleteNote, optionalPart } from './rule.js'

/**
 * http-admin-without-tls: a login or admin page (a password field, an admin/login title, or HTTP Basic
 * authentication) is served over plain HTTP, so the password crosses the network readable by anyone.
 */
export const httpAdminWithoutTls: FindingRule = {
  id: 'http-admin-without-tls',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'http-info')) {
      const f = probe.facts
      if (bool<HttpInfoFacts>(f, 'tls') !== false) continue
      if (bool<HttpInfoFacts>(f, 'redirectsToHttps') === true) continue
      const pages: string[] = []
      if (bool<HttpInfoFacts>(f, 'isLoginPage') === true || str<HttpInfoFacts>(f, 'basicAuthRealm') !== null)
        pages.push('/')
      for (const p of arr<HttpInfoFacts>(f, 'adminPages')) {
        if (!isRecord(p) || typeof p.path !== 'string') continue
        if (p.isLoginPage === true || typeof p.basicAuthRealm === 'string') pages.push(p.path)
      }
      if (pages.length === 0) continue
      const title = str<HttpInfoFacts>(f, 'title')
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'http-admin-without-tls',
          'medium',
          host,
          service,
          findingText('http-admin-without-tls', {
            port: service.port,
            pages: pages.join(', '),
            title: optionalPart('http-admin-without-tls.pageTitle', 'title', title),
            note: incompleteNote(incomplete, probe.reason),
          }),
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
