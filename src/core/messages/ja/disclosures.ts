import type { disclosures as en } from '../en/disclosures.js'

/** 開示書の読み取りで見つかった問題の日本語 (`disclosures.problem.<code>`)。英語 (../en/disclosures.ts) と同じキー・同じパラメータ。 */
export const disclosures: { [K in keyof typeof en]: string } = {
  'problem.fileEmpty': 'ファイル「{{file}}」は空です。',
  'problem.fileEncrypted':
    '「{{file}}」はパスワードで保護された Excel ブックのため読み取れません。Excel で開き、パスワードを解除して(ファイル > 情報 > ブックの保護 > パスワードを使用して暗号化 でパスワードを消す)保存し直してから、もう一度取り込んでください。',
  'problem.fileXls':
    '「{{file}}」は古い Excel 97–2003 形式(.xls)のブックのため読み取れません。Excel で開いて .xlsx(Excel ブック)として保存し直し、そのファイルを取り込んでください。',
  'problem.fileUnknownBinary':
    '「{{file}}」は Excel ブック(.xlsx)でもテキスト(CSV)ファイルでもありません。開示書が PDF しかない場合は、回答を手入力してください。',
  'problem.fileDamaged':
    'ブック「{{file}}」は壊れているか途中で切れているため開けません。Excel で開いて .xlsx として保存し直してから、もう一度取り込んでください。',
  'problem.fileTooLarge':
    'ブック「{{file}}」は開くと {{mb}} MB を超える大きさになります。開示書はずっと小さいため、開示書ではない(またはサーバに負荷をかけるために作られた)ファイルです。',
  'problem.fileZipMismatch':
    'ブック「{{file}}」は内部の構造に食い違いがあります(部品「{{entry}}」の記述が 2 通りあります)。Excel はこのようなファイルを作りません。Excel で保存し直してから取り込んでください。',
  'problem.fileZipUnsupported':
    'ブック「{{file}}」は Excel の使わないパスワードまたは圧縮方式を使っています(部品「{{entry}}」)。Excel でパスワードを解除して保存し直してから取り込んでください。',
  'problem.fileNotText':
    '「{{file}}」は読み取れるテキストではありません(UTF-8、UTF-16、Shift_JIS のいずれでもありません)。Excel で .xlsx または「CSV UTF-8」として保存し直してください。',
  'problem.fileCsvUnreadable':
    'CSV ファイル「{{file}}」の {{line}} 行目付近を読み取れません。始まった引用符(")が閉じられていません。',
  'problem.notAForm':
    '「{{file}}」は MDS2 でも MDS/SDS の開示書でもありません。どのシート({{sheets}})にも MDS2 の質問 ID(DOC-1 や MLDP-2.1 など)も、MDS/SDS チェックシートの列(項番と回答)もありません。1 行目の内容: {{firstRow}}。',
  'problem.sheetTooLarge':
    'シート「{{sheet}}」は少なくとも {{rows}} 行・{{columns}} 列を使っています。開示書は多くても {{maxRows}} 行・{{maxColumns}} 列です。取り込むファイルが正しいか確認してください。',
  'problem.noQuestions':
    'シート「{{sheet}}」を {{form}} として読みましたが、その様式の質問 ID がある行が 1 つもありません。製造業者が記入済みの開示書か確認してください。',
  'problem.macrosIgnored':
    'このブックにはマクロ(VBA)が含まれています。Mamori は回答だけを読み取り、マクロは実行せずに無視しました。',
  'problem.idMistyped':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: 質問 ID「{{written}}」は様式にありません。既知の誤記として {{id}} と読みました。',
  'problem.duplicateQuestion':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: 質問 {{id}} が重複しています({{firstRow}} 行目が最初)。この行は無視し、最初の回答を使いました。',
  'problem.unknownQuestion':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: 「{{id}}」は質問 ID の形ですが、{{form}} の質問にはありません。この行は無視しました。',
  'problem.answerNotAllowed':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: {{id}} の回答「{{value}}」は Yes・No・N/A・See Notes(はい・いいえ・該当なし・注記参照)のいずれでもありません。コメントとして残し、この質問は未回答として扱います。',
  'problem.noteMissing':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: {{id}} の回答は注記 {{note}} を参照していますが、その注記は開示書にありません。',
  'problem.errorCell':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: セルに Excel のエラー {{error}} が入っています。空欄として読みました。',
  'problem.dateUnreadable':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: 「{{value}}」は読み取れる日付ではありません(例: 2024-04-01)。発行日は空欄にしました。',
  'problem.questionsMissing':
    '{{form}} の質問のうち {{missing}} 問がファイルにありません(例: {{first}})。未回答として扱います。',
  'problem.portRangeTooLarge':
    'シート「{{sheet}}」{{row}} 行目 {{column}} 列: ポート範囲 {{range}} は {{max}} ポートを超えるため、申告ポートに加えませんでした(正しければ手入力してください)。',
  'problem.mappingInferred':
    '組み込みの MDS/SDS 対応表「{{mapping}}」で読み取りました。この対応表は公開情報からの推定です(JAHIS の様式の列配置は公開されていません)。項番と回答が正しい列から読まれているか確認してください。対応表は病院側で調整できます。',
  'problem.mappingColumnMissing':
    'シート「{{sheet}}」{{row}} 行目: MDS/SDS の見出し行に {{what}} の列がありません(探した見出し: {{labels}})。',
  'problem.manualUnknownQuestion': '{{row}} 件目: 「{{id}}」は {{form}} の質問にありません。ID を確認してください。',
  'problem.manualDuplicate': '{{row}} 件目: 質問 {{id}} が 2 回入力されています。最初の入力を使いました。',
  'problem.manualNoteMissing':
    '{{row}} 件目: {{id}} の回答は注記 {{note}} を参照していますが、その注記は入力されていません。',
  'problem.manualBadDate': '発行日「{{value}}」は読み取れる日付ではありません(例: 2024-04-01)。空欄にしました。',
  'problem.templateEmpty': '「{{file}}」にポートが 1 つもありません。',
  'problem.templateBadJson':
    '「{{file}}」は正しい JSON ではありません({{why}})。書き方は docs/disclosure-template/declared-ports.json を参照してください。',
  'problem.templateMissingColumn':
    '「{{file}}」に「{{field}}」の列がありません(必須の列: port、transport、direction)。docs/disclosure-template/declared-ports.csv を参照してください。',
  'problem.templateBadPort':
    '「{{file}}」{{row}} 行目「{{field}}」: 「{{value}}」は 1〜65535 のポート番号(または 5000-5002 のような範囲)ではありません。',
  'problem.templateBadTransport':
    '「{{file}}」{{row}} 行目「{{field}}」: 「{{value}}」は tcp でも udp でもありません。',
  'problem.templateBadDirection':
    '「{{file}}」{{row}} 行目「{{field}}」: 「{{value}}」は in・out・both のいずれでもありません(in = 機器が待ち受ける、out = 機器から接続する)。',
  'problem.templateBadTls':
    '「{{file}}」{{row}} 行目「{{field}}」: 「{{value}}」は yes・no・空欄のいずれでもありません(TLS で暗号化しているか)。',
  'problem.templateDuplicate':
    '「{{file}}」{{row}} 行目: ポート {{port}}/{{transport}}({{direction}})が重複しています。最初の行を使いました。',
  'problem.templateRangeTooLarge':
    '「{{file}}」{{row}} 行目「{{field}}」: 範囲 {{value}} は {{max}} ポートを超えます。ポートを個別に書いてください。',
}
