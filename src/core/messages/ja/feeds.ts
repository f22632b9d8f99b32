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
  // フィードの取り込みと同期（services/feeds、ADR 0032）
  'problem.checksumMismatch':
    '「{{file}}」が公開されている SHA-512 チェックサムと一致しません（期待値 {{expected}}、実際 {{actual}}）。ダウンロードの破損または改ざんの可能性があるため保存していません。次回の同期で再度取得します。',
  'problem.fileTooLarge':
    '「{{file}}」は {{size}} バイトあり、1 つのフィードファイルとして読める上限 {{limit}} バイトを超えています。読み込んでいません。',
  'problem.signatureNotVerified':
    '「{{file}}」には OpenPGP 署名（{{url}}）がありますが、Mamori は署名を検証していません。提供元が SHA-512 チェックサムを公開している場合はそれを照合しました。',
  'problem.documentRefused': '「{{file}}」は保存していません: {{whyJa}}',
  'problem.bundleManifest':
    '「{{file}}」は、この環境で読める Mamori のオフライン一括ファイルではありません（1 行目が形式「mamori-feeds」バージョン 1 の目録である必要があります）。何も保存していません。',
  'problem.bundleDamaged':
    '「{{file}}」は壊れているか途中で切れています（{{why}}）。完全に届き目録と一致した部分だけを保存しました。',
  'problem.bundleRow':
    '「{{file}}」の {{line}} 行目: 表 {{table}} の行を読めません（Mamori の書き出しで作られた行ではありません）。この行は読み飛ばしました。',
  'problem.bundleTable':
    '「{{file}}」の表 {{table}} が目録と一致しません（{{expected}} 行のはずが {{found}} 行、または SHA-256 が異なります）。{{table}} は何も保存していません。もう一度書き出してください。',
  'problem.unknownFormat':
    '「{{file}}」は Mamori が読めるフィード（CSAF 2.0、CISA KEV、NVD CVE JSON 2.0、FIRST EPSS、JVN、CycloneDX VEX）ではありません。あったもの: {{found}}。',
  'problem.sbomNotFeed':
    '「{{file}}」は脆弱性フィードではなく SBOM です（あったもの: {{found}}）。機種の SBOM として取り込んでください。',
  'problem.notSbom':
    '「{{file}}」は Mamori が読める SBOM（CycloneDX JSON/XML 1.4〜1.6、SPDX 2.2/2.3 の JSON またはタグ・値形式）ではありません。あったもの: {{found}}。',
  'problem.sbomVersion':
    '「{{file}}」は {{format}} バージョン {{version}} です。Mamori が読めるのは {{format}} {{supported}} です。製造元にこれらのバージョンのファイルを求めてください。',
  'problem.notList': '「{{file}}」の {{path}}: 一覧であるべき値です（値: {{value}}）。読み飛ばしました。',
  'problem.tooDeep':
    '「{{file}}」の {{path}}: 入れ子が {{depth}} 段を超えています。それより深い部分は読み飛ばしました。',
  'problem.vexState':
    '「{{file}}」の {{path}}: 分析状態 {{value}} は不明です（not_affected、false_positive、resolved、resolved_with_pedigree、exploitable、in_triage のいずれか）。この記載は読み飛ばしました。',
  'problem.unknownRef':
    '「{{file}}」の {{path}}: 対象 {{value}} が文書内の部品一覧にありません。製品の詳細なしで記載を取り込みました。',
  'problem.notCycloneDxVex':
    '「{{file}}」は CycloneDX VEX 文書ではありません。"bomFormat": "CycloneDX" と「vulnerabilities」の一覧がありません（あったもの: {{found}}）。',
  'problem.notXml':
    '「{{file}}」は正しい XML ではありません: {{why}}（{{line}} 行 {{column}} 列）。ダウンロードが途中で切れていませんか。',
  'problem.tagValueLine':
    '「{{file}}」の {{line}} 行目:「タグ: 値」の形ではありません（{{value}}）。この行は読み飛ばしました。',
  'problem.notJvn':
    '「{{file}}」は JVN iPedia（MyJVN）の応答ではありません。VULDEF 文書か RSS の概要一覧のはずです（あったもの: {{found}}）。',
  'problem.jvnError':
    '「{{file}}」: MyJVN がエラー {{code}} を返しました: {{why}}。このファイルからは何も読み込んでいません。',
}
