import type { importTexts as en } from '../en/import.js'

/** 台帳の取り込みで見つかった問題の日本語 (`import.<key>`)。英語 (../en/import.ts) と同じキー・同じパラメータ。 */
export const importTexts: { [K in keyof typeof en]: string } = {
  fileEmpty: 'ファイルが空です。',
  fileXls:
    'Excel 97–2003 形式(.xls)のファイルは取り込めません。Excel で .xlsx または CSV として保存し直してから取り込んでください。',
  fileNotXlsx:
    '「{{file}}」は拡張子が .xlsx ですが、Excel ブックではありません。Excel で開いて .xlsx として保存し直してください。',
  fileUtf16LeOdd: 'UTF-16 のファイルですが、途中で切れているか壊れています。元のファイルから保存し直してください。',
  fileUtf16BeOdd: 'UTF-16 のファイルですが、途中で切れているか壊れています。元のファイルから保存し直してください。',
  fileNotText:
    'ファイルの文字コードを判別できません(UTF-8、UTF-16、Shift_JIS のいずれでもありません)。Excel で「CSV UTF-8 (コンマ区切り)」または .xlsx として保存し直してください。',
  fileBadUtf8:
    'ファイルの先頭は UTF-8 の印(BOM)ですが、UTF-8 ではない文字が含まれています。Excel で「CSV UTF-8 (コンマ区切り)」として保存し直してください。',
  fileBinary:
    '{{line}} 行目の {{col}} 文字目に文字ではないデータ(U+{{code}})があります。CSV ファイルではないか、ファイルが壊れています。台帳を Excel から CSV または .xlsx で保存し直して、もう一度取り込んでください。',
  fileCsvUnreadable: 'CSV ファイルを読み取れません: {{line}} 行目付近で{{why}}。',
  csvUnclosedQuote: '始まった引用符(")が閉じられていません。ファイルが途中で切れている可能性があります',
  csvCellTooLarge: '{{max}} 文字を超えるセルがあります',
  fileTooManyRows:
    'ファイルが {{rows}} 行あります。一度に取り込めるのは {{max}} 行までです。ファイルを分けてください。',
  fileTooManyColumns:
    '{{row}} 行目に {{columns}} 列あります。扱えるのは {{max}} 列までです。取り込むファイルが正しいか確認してください。',
  xlsxDamaged:
    'Excel ファイルが壊れているか途中で切れているため、開けません({{why}})。Excel で開いて .xlsx として保存し直し、もう一度取り込んでください。',
  xlsxNoSheet: 'ブックにデータの入ったワークシートがありません。',
  xlsxSeveralSheets:
    'データの入ったワークシートが {{sheets}} 枚あります。取り込むのは最初のシート「{{sheet}}」だけです。',
  xlsxErrorCell: 'セル {{cell}} は Excel のエラー値 {{error}} のため、空欄として読み込みます。',
  xlsxTooManyColumns: '{{row}} 行目が {{max}} 列を超えています。取り込むワークシートが正しいか確認してください。',
  xlsxTooManyRows: 'ワークシートが {{max}} 行を超えています。ファイルを分けてください。',
  fileNoRows: 'ファイルにデータ行がありません。',
  fileNoDataRows: '見出し行はありますが、その下にデータ行がありません。',

  headerBelowTitle: '見出し行を {{row}} 行目に見つけました。それより上の {{above}} 行は取り込みません。',
  headerNotAField: '{{letter}}列「{{header}}」の割り当て先「{{chosen}}」は台帳の項目ではありません。',
  headerCustomNoName: '{{letter}}列: カスタム列は「custom:」や「カスタム:」の後に名前が必要です(例: "カスタム:予算")。',
  headerUnknown:
    '{{letter}}列「{{header}}」は台帳の項目に該当しないため、取り込みません。既知の列名に変えるか、独自の項目として残す場合は列名の先頭に「カスタム:」を付けてください。',
  headerDuplicate:
    '{{letterA}}列「{{headerA}}」と{{letterB}}列「{{headerB}}」が同じ項目({{field}})を指しています。どちらかの列を削除するか、列名を変えてください。',
  headerNoKnownColumn:
    '見出し行に台帳の列名が一つも見つかりません。1行目を「資産番号」「製造販売業者」「型式」「IPアドレス」などの列名にしてください。',

  cellNotInList: '"{{value}}" は選べる値のどれにも当たりません。次のいずれかを入力してください: {{accepted}}。',
  cellNotYesNo:
    '"{{value}}" は「はい/いいえ」として読めません。はい/いいえ、○/×、あり/なし のいずれかで入力してください。',
  cellNotWholeNumber: '"{{value}}" は整数ではありません。',
  cellOutOfRange: '{{n}} は範囲外です({{min}}〜{{max}} の整数を入力してください)。',
  cellNotProximity:
    '"{{value}}" は患者との距離のレベルとして読めません。0(体内植込み)〜4(患者に接触しない)の数字で入力してください。',
  cellProximityOutOfRange: '{{n}} は範囲外です。患者との距離のレベルは 0(体内植込み)〜4(患者に接触しない)です。',
  cellYearOutOfRange: '"{{value}}" の年(西暦{{year}}年)が範囲外です。1900年〜2200年の日付を入力してください。',
  cellNotRealDate: '"{{value}}"({{date}})は存在しない日付です。',
  cellNotRealDateIso: '{{date}} は存在しない日付です。',
  cellEraYear: '"{{value}}" の和暦の年が正しくありません。元年(1年)以降で入力してください。',
  cellNotADate:
    '"{{value}}" は日付として読めません。2023-04-01、2023/04/01、2023年4月1日、令和5年4月1日 のように入力してください。',
  cellPort: 'ポート番号 {{why}}',

  rowLifeYears: '導入日から {{years}} 年後の {{date}} として読み込みました。',
  rowLifeYearsNoStart:
    '"{{value}}" は耐用年数のようですが、この行には起算日となる正しい導入日がありません。耐用期間の終了日を日付で入力してください。',
  rowCategoryFromName: '"{{value}}" は分類の一覧にないため、機器名「{{name}}」から「{{category}}」として取り込みます。',
  rowCategoryOther:
    '"{{value}}" は分類の一覧にないため、「その他」として取り込みます。機器の画面で後から分類を変更できます。',
  rowNoKey:
    'この行には資産番号・製造番号・MACアドレスのいずれもないため、次回の取り込みで同じ機器と判別できず、毎回新しい機器として登録されます。',
  rowTooWide: 'この行は {{cells}} 列ありますが、見出しは {{width}} 列です。見出しより右のセルは取り込みません。',
  rowDuplicateKey: '{{key}} "{{value}}" が {{rows}}に重複しています。どちらか一方だけを残してください。',
  rowDuplicateKeyMany: '{{key}} "{{value}}" が {{rows}}に重複しています。いずれか1行だけを残してください。',

  schemaTooLong: '{{where}}が長すぎます。{{max}} 文字以内にしてください。',
  schemaTooMany: '{{where}}の数が多すぎます。{{max}} 個までにしてください。',
  schemaTooBig: '{{where}}が大きすぎます。{{max}} 以下にしてください。',
  schemaEmpty: '{{where}}が空です。値を入力してください。',
  schemaTooShort: '{{where}}が短すぎます。{{min}} 文字以上にしてください。',
  schemaTooFew: '{{where}}の数が足りません。{{min}} 個以上にしてください。',
  schemaTooSmall: '{{where}}が小さすぎます。{{min}} 以上にしてください。',
  schemaBadType: '{{where}}の値の形式が正しくありません。',
  schemaNotInList: '{{where}}は選べる値のどれにも当たりません(選べる値: {{accepted}})。',
  schemaNotADate: '{{where}}は日付として読めません。2023-04-01 のように入力してください。',
  schemaBadFormat: '{{where}}の書き方が正しくありません。',
  schemaNotRealDate: '{{where}}は存在しない日付です。',
  schemaInvalid: '{{where}}の値が正しくありません。',

  matchSeveralDevices:
    '台帳にこの{{key}}を持つ機器が {{devices}} 台あり、どれを更新すべきか判断できません。先に台帳を修正してください。',
  matchKeyClash:
    'この行は{{by}}で台帳の機器({{match}})に一致しますが、{{clashKey}} "{{value}}" は別の機器({{other}})のものです。この行か台帳を修正してください。',
  matchSameDevice: '{{rows}}が台帳の同じ機器({{device}})に一致しています。1台の機器につき1行だけにしてください。',

  staleAddedOrRemoved: '照合する機器が {{n}} 台追加または削除されました',
  staleAdded: '機器 {{device}} が追加されました',
  staleEdited: '機器 {{device}} が編集されました',

  previewMoreProblems:
    'ほかに {{more}} 件の問題があります(表示を省略)。上の問題を直してから、もう一度確認してください。',
  previewRepeated: '{{message}}({{n}} 行: {{shown}})',
}
