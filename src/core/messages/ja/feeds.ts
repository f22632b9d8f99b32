import type { feeds as en } from '../en/feeds.js'

/** Japanese texts of the feed readers' problems; the same keys and parameters as ../en/feeds.ts. */
export const feeds: { [K in keyof typeof en]: string } = {
  'problem.notJson':
    '「{{file}}」は JSON として読めません: {{why}}（{{offset}} 文字目）。ダウンロードが途中で切れていませんか。',
  'problem.notKev':
    '「{{file}}」は CISA の悪用が確認された脆弱性カタログ（KEV）ではありません。「vulnerabilities」の一覧がありません（あったもの: {{found}}）。',
  'problem.notCsaf':
    '「{{file}}」は CSAF 形式のアドバイザリではありません。「document」の項目がありません（あったもの: {{found}}）。Web ページではなく、アドバイザリの .json ファイルをダウンロードしてください。',
  'problem.csafVersion':
    '「{{file}}」は CSAF バージョン {{version}} です。Mamori が読めるのは CSAF 2.0 です。提供元に CSAF 2.0 のファイルを求めてください。',
  'problem.field': '「{{file}}」の {{path}}: {{why}}（値: {{value}}）。この項目は読み飛ばしました。',
  'problem.countMismatch':
    '「{{file}}」には {{said}} 件とありますが、実際は {{found}} 件です。ファイルが途中で切れているか、書き換えられている可能性があります。',
  'problem.duplicate':
    '「{{file}}」の {{path}}: {{cve}} が重複しています（最初は {{first}}）。最初の項目を使いました。',
  'problem.tooLarge':
    '「{{file}}」は展開すると {{limit}} MiB を超えるため読み込みません（サーバーのメモリを使い切らないため）。分割するか（NVD は年ごとのファイル）、正しいファイルか確認してください。',
  'problem.badGzip':
    '「{{file}}」は圧縮（gzip）ファイルのようですが、展開できません: {{why}}。ダウンロードが途中で切れていませんか。',
  'problem.notNvd':
    '「{{file}}」は NVD の CVE フィード（CVE JSON 2.0）ではありません。CVE の「vulnerabilities」一覧がありません（あったもの: {{found}}）。',
  'problem.nvdVersion':
    '「{{file}}」は NVD CVE JSON バージョン {{version}} とあります。Mamori が読めるのは 2.0 です。2.0 として読める項目だけ読みました。',
  'problem.notEntry':
    '「{{file}}」の {{path}}: 読める項目ではありません（値: {{value}}）。この項目は読み飛ばしました。',
  'problem.missing': '「{{file}}」の {{path}}: 必須の値がありません。この項目は読み飛ばしました。',
  'problem.notCveId':
    '「{{file}}」の {{path}}: CVE-2019-0708 のような CVE 番号ではありません（値: {{value}}）。この項目は読み飛ばしました。',
  'problem.badScore':
    '「{{file}}」の {{path}}: {{cve}} の CVSS スコアが読めません（値: {{value}}）。{{cve}} はこのスコアなしで取り込みました。',
  'problem.badConfiguration':
    '「{{file}}」の {{path}}: {{cve}} の影響を受ける製品の条件（CPE 構成）が読めません（値: {{value}}）。この部分は除き、{{cve}} の残りは取り込みました。',
  'problem.duplicateCve':
    '「{{file}}」の {{path}}: {{cve}} が重複しています（最初は {{first}}）。最後に更新された項目（{{kept}}）を使いました。',
  'problem.notEpss':
    '「{{file}}」は EPSS スコアの一覧ではありません。{{line}} 行目は見出し「cve,epss,percentile」のはずです（あったもの: {{found}}）。',
  'problem.csvColumns':
    '「{{file}}」の {{line}} 行目: 列は {{expected}} 個のはずです（あったもの: {{value}}）。この行は読み飛ばしました。',
  'problem.csvValue':
    '「{{file}}」の {{line}} 行目「{{column}}」列: {{value}} は読めません。この行は読み飛ばしました。',
  'problem.csvDuplicate':
    '「{{file}}」の {{line}} 行目: {{cve}} が重複しています（最初は {{first}} 行目）。最初の行を使いました。',
}
