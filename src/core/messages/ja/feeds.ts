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
}
