import type { FeedSource } from '../../core/vulns/model.js'

/**
 * The five well-known public sources, seeded DISABLED (ADR 0032): many hospital networks reach no internet, so an
 * admin enables what their network allows; until then every feed comes in as files or an offline bundle.
 */
export const DEFAULT_FEED_SOURCES: readonly Pick<FeedSource, 'id' | 'kind' | 'url' | 'enabled'>[] = [
  {
    id: 'kev',
    kind: 'kev',
    url: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
    enabled: false,
  },
  { id: 'epss', kind: 'epss', url: 'https://epss.cyentia.com/epss_scores-current.csv.gz', enabled: false },
  { id: 'nvd', kind: 'nvd', url: 'https://services.nvd.nist.gov/rest/json/cves/2.0', enabled: false },
  { id: 'jvn', kind: 'jvn', url: 'https://jvndb.jvn.jp/myjvn', enabled: false },
  {
    id: 'csaf:cisa',
    kind: 'csaf',
    url: 'https://www.cisa.gov/.well-known/csaf/provider-metadata.json',
    enabled: false,
  },
]
