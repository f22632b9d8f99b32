import type { AddressedFindingDraft } from '../../findings/finding.js'
import { type FtpAnonFacts, hitsOf, str } from './facts.js'
import { draft, type FindingRule, incompleteNote, servicesNamed } from './rule.js'

/**
 * ftp-cleartext: an FTP service answers. Plain FTP (RFC 959) sends the login and the files unencrypted.
 */
export const ftpCleartext: FindingRule = {
  id: 'ftp-cleartext',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    const seen = new Set<number>()
    for (const { service, probe } of hitsOf(host, 'ftp-anon')) {
      seen.add(service.port)
      const banner = str<FtpAnonFacts>(probe.facts, 'banner')
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'ftp-cleartext',
          'medium',
          host,
          service,
          text(service.port, banner, incompleteNote(incomplete, probe.reason)),
          probe.evidence,
          incomplete,
        ),
      )
    }
    for (const service of servicesNamed(host, ['ftp'], [21])) {
      if (seen.has(service.port)) continue
      const note = incompleteNote(true, 'FTP の応答内容は確認していません / the FTP reply was not read')
      out.push(
        draft(
          'ftp-cleartext',
          'medium',
          host,
          service,
          text(service.port, service.banner, note),
          service.banner ?? `port ${service.port}/tcp open`,
          true,
        ),
      )
    }
    return out
  },
}

function text(port: number, banner: string | null, note: { ja: string; en: string }) {
  const b = banner ? banner.split('\n')[0]!.slice(0, 120) : null
  return {
    titleJa: 'FTP(暗号化されないファイル転送)が使える状態です',
    titleEn: 'FTP (unencrypted file transfer) is enabled',
    detailJa:
      `ポート${port}で FTP が応答しました${b ? `(「${b}」)` : ''}。FTP はパスワードと転送するファイル(画像や検査データを含むことがあります)を暗号化せずに送ります。` +
      note.ja,
    detailEn:
      `FTP answered on port ${port}${b ? ` ("${b}")` : ''}. FTP sends passwords and the transferred files (which may hold images or test results) unencrypted.` +
      note.en,
    recommendationJa:
      'FTP を何に使っているか製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合は SFTP や FTPS など暗号化される方式に切り替えられるか相談してください。' +
      'それまではポート21への接続を、データをやり取りする相手の機器だけに制限してください。',
    recommendationEn:
      'Ask the manufacturer what FTP is used for and have it disabled if it is not needed; otherwise ask whether an encrypted method (SFTP or FTPS) can be used. ' +
      'Until then allow port 21 only from the systems that exchange data with this device.',
  }
}
