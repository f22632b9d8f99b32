import type { AddressedFindingDraft } from '../../findings/finding.js'
import { type FtpAnonFacts, hitsOf, str } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

/** ftp-anonymous: the FTP service let us log in as "anonymous" (no real password). */
export const ftpAnonymous: FindingRule = {
  id: 'ftp-anonymous',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'ftp-anon')) {
      if (str<FtpAnonFacts>(probe.facts, 'anonymous') !== 'allowed') continue
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      out.push(
        draft(
          'ftp-anonymous',
          'high',
          host,
          service,
          {
            titleJa: 'FTP に誰でもログインできます(匿名ログイン)',
            titleEn: 'Anyone can log in to FTP (anonymous login)',
            detailJa:
              `ポート${service.port}の FTP に、利用者名「anonymous」と任意のパスワードでログインできました。ネットワーク上の誰でもファイルを読めたり、置けたりするおそれがあります。(確認はログインのみで、ファイルの一覧や転送は行っていません。)` +
              note.ja,
            detailEn:
              `The FTP service on port ${service.port} accepted the user name "anonymous" with any password. Anyone on the network may be able to read or upload files. (We only logged in; no files were listed or transferred.)` +
              note.en,
            recommendationJa:
              '匿名ログインが必要か製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合でも、読み取り専用で患者情報を置かない設定になっているか確認してください。それまではポート21への接続を必要な機器だけに制限してください。',
            recommendationEn:
              'Ask the manufacturer whether anonymous login is needed and have it disabled if not. If it is, make sure it is read-only and holds no patient data. Until then allow port 21 only from the systems that need it.',
          },
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
