import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, bool, type HttpInfoFacts, hitsOf, isRecord, str } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

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
      const note = incompleteNote(incomplete, probe.reason)
      const list = pages.join(', ')
      out.push(
        draft(
          'http-admin-without-tls',
          'medium',
          host,
          service,
          {
            titleJa: '管理画面・ログイン画面が暗号化されていない HTTP で公開されています',
            titleEn: 'An admin or login page is served over unencrypted HTTP',
            detailJa:
              `ポート${service.port}の Web サーバーが、暗号化(TLS/HTTPS)なしでログインまたは管理のページ(${list})を返しました${title ? `(タイトル「${title}」)` : ''}。` +
              'ここで入力したパスワードは、同じネットワークにいる人に読み取られるおそれがあります。' +
              note.ja,
            detailEn:
              `The web server on port ${service.port} serves a login or admin page (${list}) without encryption (TLS/HTTPS)${title ? ` (title "${title}")` : ''}. ` +
              'Passwords typed there can be read by anyone on the same network.' +
              note.en,
            recommendationJa:
              '製造販売業者に HTTPS(暗号化)を有効にできるか、HTTP を無効にできるか確認してください。それまでは管理画面へのアクセスを保守用の端末だけに制限し、初期パスワードのまま使っていないか確認してください。',
            recommendationEn:
              'Ask the manufacturer whether HTTPS (encryption) can be enabled and plain HTTP turned off. Until then allow the admin page only from the service workstation, and make sure the default password has been changed.',
          },
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
