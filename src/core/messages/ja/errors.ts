import type { Catalog } from '../en.js'

/** 全エラーコードの日本語（`errors.<CODE>`）。../ja.ts を参照。 */
export const errors: Catalog['errors'] = {
  AUTH_REQUIRED: 'ログインしてください。',
  AUTH_INVALID: 'ユーザー名またはパスワードが正しくありません。',
  AUTH_INVALID_TOKEN: 'API トークンが不明か、失効しているか、そのユーザーが無効になっています。',
  CSRF_INVALID: 'セッショントークンが古くなっています。ページを再読み込みしてからやり直してください。',
  FORBIDDEN: 'この操作には「{{role}}」の権限が必要です。',
  RATE_LIMITED: '試行回数が多すぎます。1分ほど待ってから再度お試しください。',
  NOT_FOUND: '{{what}}「{{id}}」が見つかりません。削除された可能性があります。',
  VALIDATION_FAILED: 'リクエストの内容に誤りがあります（{{problems}}）。',
  INVALID_INPUT: '入力内容に誤りがあります（{{problems}}）。',
  BAD_REQUEST: 'リクエストを処理できませんでした（{{reason}}）。',
  INTERNAL: 'サーバーで問題が発生しました。詳しくはサーバーのログをご覧ください。',
  CONFIRMATION_REQUIRED: '{{what}} 確認のため --yes を付けてもう一度実行してください。',
  USERNAME_INVALID: 'ユーザー名「{{username}}」は使えません: {{why}}',
  USERNAME_TAKEN: 'ユーザー名「{{username}}」はすでに使われています{{clash}}。',
  USER_OWN_PASSWORD: '自分のパスワードは「アカウント」画面で変更してください（現在のパスワードを確認します）。',
  USER_SELF_LOCKOUT: '自分自身を無効にしたり、自分の管理者権限を外したりはできません。別の管理者に依頼してください。',
  PASSWORD_WEAK: 'パスワードが弱すぎます: {{why}}',
  PASSWORD_UNCHANGED: '新しいパスワードが現在のパスワードと同じです。',
  PASSWORD_CURRENT_WRONG: '現在のパスワードが違います。変更していません。',
  PASSWORD_MISSING:
    '{{who}} のパスワードがありません：{{env}} を設定するか、--generate-password を付けるか、端末で実行してください。',
  PASSWORD_MISMATCH: '2回の入力が一致しません。変更していません。',
  DEVICE_INVALID: '機器を保存できません: {{problems}}',
  DEVICE_DUPLICATE_ASSET_TAG:
    '資産番号「{{assetTag}}」は別の機器に登録済みです。資産番号は機器ごとに別の番号にしてください（その機器を開くか、別の番号を選んでください）。',
  DEVICE_VERSION_CONFLICT:
    '機器 {{device}} は、開いた後に {{by}} が {{at}} に保存しています。再読み込みしてから、もう一度変更してください。',
  DEMO_LEDGER_NOT_EMPTY:
    '台帳にすでに {{count}} 台の機器が登録されています。デモ病院は空の台帳にだけ読み込みます。削除してデモを読み込むには `mamori demo --reset` を実行してください。',
  FILE_NOT_FOUND: '「{{file}}」を読めません。ファイルがありません。',
  FILE_TOO_LARGE: '{{file}} は {{size}} バイトあります。受け付けるのは {{max}} バイトまでです。',
  UPLOAD_TOO_LARGE: 'ファイルが上限 {{mb}} MB を超えています（MAMORI_MAX_UPLOAD_MB）。',
  UPLOAD_INCOMPLETE:
    'アップロードが途中で切れているか、形式が正しくありません（{{why}}）。何も取り込んでいません。もう一度送ってください。',
  IMPORT_NO_FILE: 'ファイルが添付されていません。台帳ファイルを添付してください。',
  IMPORT_NOT_FOUND:
    'このインポート（{{id}}）は確認待ちではありません。プレビューは30分またはサーバーの再起動で期限が切れ、確定は1回だけです。ファイルをもう一度アップロードしてください。',
  IMPORT_NOT_IMPORTABLE: 'このファイルは取り込めません。先にプレビューに表示されたファイル全体の問題を直してください。',
  IMPORT_STALE:
    'プレビューの後に台帳が変更されました（{{detail}}）。何も取り込んでいません。もう一度プレビューしてください。',
  IMPORT_BAD_LANG: '言語「{{lang}}」は使えません。ja か en を指定してください。',
  XLSX_ZIP_DAMAGED:
    'Excel ファイルが壊れているか途中で切れているため、開けません({{why}})。Excel で開いて .xlsx として保存し直し、もう一度取り込んでください。',
  XLSX_ZIP_MISMATCH:
    'Excel ファイルを受け付けませんでした。部品「{{entry}}」について、ZIP の目次と部品本体の内容({{what}})が一致しません。Excel はこのようなファイルを作りません。改ざんされた可能性があります。Excel で保存し直してから取り込んでください。',
  XLSX_ZIP_UNSUPPORTED: 'Excel ファイルが Mamori の読めない形式を使っています: {{why}}',
  XLSX_TOO_LARGE: 'このブックは開くと上限の {{mb}} MB を超えます。台帳を分けるか、CSV として保存してください。',
  EXPORT_BAD_FORMAT: '形式「{{format}}」は使えません。csv か xlsx を指定してください。',
  EXPORT_BAD_LANG: '言語「{{lang}}」は使えません。ja か en を指定してください。',
  EXPORT_BAD_FILTER: '絞り込みの条件に誤りがあります: {{problems}}',
  DOCUMENT_FONT_MISSING:
    '日本語フォントのファイル {{file}} が見つからないため、PDF を作成できません。「npm ci」で再インストールしてください（パッケージ {{package}} に含まれています）。',
  DOCUMENT_INPUT_INVALID:
    '文書を作成できません: {{field}} の値「{{value}}」は使えません。{{expected}} を指定してください。',
  NMAP_XML_INVALID: '{{file}} を取り込めませんでした。何も保存していません。',
  NMAP_NOT_FOUND:
    'nmap がインストールされていない（または PATH にない）ため、スキャンエンジンとして使えません。インストールする（Debian/Ubuntu: apt-get install nmap）か、内蔵エンジンを使ってください。',
  TARGET_INVALID: '対象「{{value}}」: {{why}}。指定できる形式: {{forms}}。',
  TARGET_HOSTNAME: '対象「{{value}}」: {{why}}。指定できる形式: {{forms}}。',
  PORTS_INVALID: 'ポート指定「{{spec}}」: {{why}}。指定できる形式: {{forms}}。',
  PROFILE_INVALID:
    'スキャンプロファイル「{{id}}」はありません。gentle（既定・穏やか）、standard、fast のいずれかを指定してください。',
  PROFILE_OVERRIDE_INVALID: 'スキャンプロファイルを調整できません: {{why}}',
  SCOPE_INVALID: '{{kind}}の登録: {{why}}',
  SCOPE_EXISTS: 'スコープ {{target}} はすでに承認されています。',
  SCOPE_NEEDS_CONFIRMATION:
    'スコープ {{target}} は {{count}} アドレスあり、確認なしで承認できる {{threshold}} アドレスを超えています。{{whole}}承認するとこのすべてに能動スキャンができるようになります。意図したものであることを確認してください（--yes / confirmLarge）。',
  EXCLUSION_EXISTS: '{{address}} はすでに除外されています。',
  SCAN_TOO_LARGE:
    '対象は {{total}} アドレスあります。1 回のスキャンは最大 {{max}} アドレスです。範囲を分けてスキャンしてください。',
  SCAN_OUT_OF_SCOPE:
    '承認済みスコープの外のため拒否しました: {{refused}}。スコープは管理者が「スコープと除外」ページまたは "mamori scope add" で承認します。',
  SCAN_NOTHING_TO_SCAN: '対象のアドレスがすべて除外されています: {{refused}}',
  SCAN_CONFIRMATION_REQUIRED:
    '対象は {{count}} アドレスあり、確認なしでスキャンできる {{threshold}} アドレスを超えています。意図した大きなスキャンであることを確認してください（--yes / confirmLarge）。',
  SCHEDULE_INVALID:
    '「{{cron}}」は cron 式ではありません（{{why}}）。分 時 日 月 曜日 の 5 つを指定してください（例: 毎週日曜 02:00 は "0 2 * * 0"）。',
  HOST_ALREADY_IN_LEDGER: '{{address}} はすでに台帳の機器に結び付いています。',
  FINDING_REASON_REQUIRED: 'リスクを受容するには理由（例: 代わりの対策）の入力が必要です。',
  JOB_FINISHED: 'ジョブ {{id}} はすでに終了しています（{{state}}）。中止するものはありません。',
  JOB_INTERRUPTED: '実行中に Mamori が停止したため、ジョブが中断されました。もう一度開始してください。',
  JOB_CANCELLED: 'ジョブは中止されました。その結果は何も保存していません。',
  BACKUP_UNREADABLE: '{{file}} は読み込める Mamori のバックアップではありません: {{why}}',
  BACKUP_CORRUPT: '{{file}}: {{why}}ファイルが壊れているか、バックアップではありません。何も復元していません。',
  BACKUP_TOO_NEW:
    '{{file}} は新しい版の Mamori で作られています（マイグレーション {{migrations}}）。先に Mamori を更新してください。',
  BACKUP_SYMLINK:
    '{{file}} はシンボリックリンクです。リンク先が別のファイルの可能性があるため、バックアップはリンク経由では書き込みません。通常のファイルのパスを指定してください。',
  BACKUP_WRITE_FAILED: 'バックアップを {{file}} に書き込めません: {{why}}',
  LAB_BAD_PREFIX:
    'ラボの接頭辞「{{prefix}}」は使えません。英小文字で始まる英小文字・数字・「-」の 24 文字以内にしてください。',
  LAB_BAD_STATE_DIR:
    'ラボの状態ディレクトリ「{{dir}}」は使えません。{{hidden}} の外の絶対パスにしてください（各デーモンはそれらの専用コピーを使うため、中にあると見えなくなります）。',
  LAB_STATE_DIR_IN_USE:
    'ラボの状態ディレクトリ「{{dir}}」は mamori lab が作ったものではないため、削除しません。別の --state-dir を指定するか、ご自身で削除してください。',
  LAB_NOT_READY: 'ラボが起動しませんでした（問題 {{count}} 件）。いったん片付けました。',
  LAB_NOT_UP:
    'ラボ「{{prefix}}」は起動していません（名前空間「{{namespace}}」がありません）。`mamori lab up` で起動してください。',
  LAB_NOT_ROOT:
    'ラボの起動には root 権限が必要です（ネットワーク名前空間を作成し、その中でデーモンを起動するため）。例: `sudo npx mamori lab up`。',
  LAB_MISSING_BINARY:
    'ラボに必要なプログラムがインストールされていません: {{missing}}。次のコマンドでインストールしてください: apt-get install -y --no-install-recommends {{packages}}',
  LAB_EXEC_NO_COMMAND: '「--」の後に実行するコマンドを指定してください。',
  MODEL_NOT_FOUND:
    '「{{query}}」に当たる機種がカタログにありません。機種 ID か、`mamori models list` に表示される「メーカー 型式」で指定してください。',
  MODEL_AMBIGUOUS: '「{{query}}」に当たる機種が {{count}} 件あります（{{models}}）。機種 ID で指定してください。',
  MODEL_EXISTS:
    'カタログにはすでに {{vendor}} {{name}}{{versions}} があります。全角・半角、大文字・小文字、空白やハイフンだけが違う型式は同じ機種として扱います。',
  MODEL_INVALID: '機種を保存できません: {{problems}}',
  MODEL_IN_USE:
    '機種 {{model}} はまだ使われています（この機種として確定した機器 {{devices}} 台、開示書 {{disclosures}} 件）。先に機器の紐付けを外すか、別の機種に統合してください。管理者は強制削除もできます。',
  MODEL_MERGE_SAME: '機種を同じ機種自身には統合できません。残す機種を別に選んでください。',
  MODEL_TEXT_UNREADABLE:
    '「{{text}}」を「メーカー 型式」として読み取れません。メーカー名の後に型式を続けてください（例:「日本光電 BSM-6501」「Nihon Kohden BSM-6501」）。',
  DEVICE_NOT_LINKED: '機器 {{device}} はカタログの機種に紐付いていません（候補も確定もありません）。',
  ALIAS_EXISTS:
    'メーカー名「{{alias}}」は別名表に「{{existing}}」→ {{vendor}} として登録済みです。株式会社・Inc.・Co., Ltd.、全角・半角、記号だけが違う名前は同じ行として扱います。その行を編集してください。',
  ALIAS_EMPTY:
    'メーカー名「{{alias}}」から法人格（株式会社、Inc.、Co., Ltd. など）、空白、記号を除くと何も残りません。メーカー名そのものを入力してください。',
  DISCLOSURE_UNREADABLE:
    '「{{file}}」を製造業者の開示書として読めませんでした（問題 {{problems}} 件のうちエラー {{errors}} 件。シート・行・列を一覧に示します）。何も保存していません。',
  DISCLOSURE_NO_MODEL:
    'この開示書はまだカタログの機種に結び付いていません。先に機種を指定してください（文書や比較にはメーカーと型式が必要です）。',
  DECLARED_PORTS_UNREADABLE:
    '「{{file}}」を使用ポート一覧として読めませんでした（問題 {{errors}} 件。行と項目を一覧に示します）。何も変更していません。',
  FEED_UNREADABLE:
    '「{{file}}」を脆弱性情報フィードとして読めませんでした（問題 {{problems}} 件のうちエラー {{errors}} 件。ファイルと JSON パスを一覧に示します）。このファイルからは何も保存していません。',
  FEED_FETCH_FAILED:
    'フィード {{feed}} を {{url}} から取得できませんでした: {{why}}。保存済みの情報はそのままです。次回の同期は中断した位置から再開します。',
  FEED_CHECKSUM_MISMATCH:
    '「{{file}}」が公開されている SHA-512 チェックサムと一致しません（期待値 {{expected}}、実際 {{actual}}）。ダウンロードの破損または改ざんの可能性があるため保存していません。',
  SBOM_UNREADABLE:
    '「{{file}}」を SBOM（CycloneDX 1.4〜1.6 の JSON/XML、SPDX 2.2/2.3 の JSON またはタグ値形式）として読めませんでした（問題 {{problems}} 件のうちエラー {{errors}} 件。ファイルとパスを一覧に示します）。何も保存していません。',
  SBOM_NO_TARGET:
    'この SBOM がどの機種（--model "メーカー 型式"）またはどの機器（--device ID）のものかを、どちらか一方で指定してください。',
  NOTIFY_FAILED: '{{channel}} で通知を送れませんでした: {{why}}。',
  RISK_PROFILE_INVALID:
    'リスクの重み付けプロファイルを保存しませんでした（問題 {{count}} 件。要因と理由を一覧に示します）。現在のプロファイルとスコアはそのままです。',
  ACTION_INVALID: '対策を変更しませんでした: {{why}}',
  CHECKLIST_UNREADABLE:
    '「{{file}}」を厚生労働省のチェックリスト様式として読めませんでした（問題 {{count}} 件。シート・セルと理由を一覧に示します）。版は保存していません。',
  CHECKLIST_ANSWER_INVALID: '項目 {{item}} の回答を保存しませんでした: {{why}}',
  BENCHMARK_PROFILE_INVALID:
    '何も取り込んでいません:「{{file}}」はベンチマークのプロファイルでもコホート報告でもありません（{{why}}）。',
  BENCHMARK_IDENTIFYING:
    'ベンチマークのプロファイルを書き出しませんでした: {{why}} プロファイルから病院が特定されてはなりません。',
  BENCHMARK_SETTINGS_MISSING:
    '先に病床規模と地域を設定してください（ベンチマーク設定、または PUT /api/benchmark/settings）。プロファイルに含まれる病院の情報はこの 2 つだけです。',
  REPORT_NO_SMTP: '定期レポートはメールで送りますが、SMTP サーバが設定されていません（設定 → 通知）。',
  ACTION_VERSION_CONFLICT:
    '表示している間に、この対策は他の人によって変更されました（表示していた版 {{seen}}、現在の版 {{current}}）。読み込み直してから、もう一度変更してください。',
  PROCUREMENT_REQUIREMENTS_INVALID:
    '調達要件を保存しませんでした（問題 {{count}} 件。要件と理由を一覧に示します）。現在の要件はそのままです。',
  PROCUREMENT_ANSWERS_UNREADABLE:
    '「{{file}}」から何も読み込んでいません: 回答欄のある調達要件シートとして読めませんでした（問題 {{count}} 件。シート・セルと理由を一覧に示します）。',
  ACCEPTANCE_ALREADY_OPEN:
    '{{device}} の導入時確認はすでに進行中です（{{startedAt}} 開始）。続きを行うか、先に中止してください。',
  ACCEPTANCE_NOT_ALLOWED: '{{device}} の導入時確認を開始できません: {{why}}',
  ACCEPTANCE_OUTSIDE_QUARANTINE:
    '導入時確認のスキャンを開始しませんでした: {{address}} は隔離用スコープ {{scope}} の中にありません。スキャンは承認された範囲の外には出ません。機器を隔離セグメントに接続するか、そのスコープを選んでください。',
  ACCEPTANCE_NO_ADDRESS:
    '導入時確認のスキャンを開始しませんでした: {{device}} の台帳に IP アドレスがありません。先に隔離セグメントでのアドレスを入力してください。',
  ACCEPTANCE_INCOMPLETE:
    '承認していません: {{outstanding}}。これらを済ませるか、理由を書いて「未完了のまま承認」してください。',
  DECOMMISSION_ALREADY_OPEN: '{{device}} の廃棄手続きはすでに進行中です（{{startedAt}} 開始）。',
  DECOMMISSION_INCOMPLETE:
    '完了していません: {{outstanding}}。各項目を実施済みにするか、理由を書いて「該当なし」にしてください。',
  DECOMMISSION_DEPENDENTS:
    '完了していません: {{device}} にはまだ診療サービスが依存しています（{{services}}）。先にそのサービスの計画を見直すか、理由を書いて強制的に完了してください。',
  BCP_NODE_UNKNOWN:
    '「{{node}}」に当たるものが見つかりません（機器 ID・資産番号、サービス、ネットワークセグメント、外部関係先のいずれでもありません）。確認したもの: {{tried}}。',
  BCP_INVALID: '事業継続計画を変更しませんでした: {{why}}',
  BCP_VERSION_CONFLICT:
    '表示している間に、他の人が変更しました（表示していた版 {{seen}}、現在の版 {{current}}）。読み込み直してから、もう一度変更してください。',
  LIFECYCLE_INVALID: '受け付けませんでした: {{why}}',
  CAPTURE_NOT_FOUND: 'キャプチャの取り込み「{{id}}」はありません。',
  CAPTURE_TOO_LARGE:
    'キャプチャファイルが、Web からアップロードできる上限 {{limit}} MB を超えています。サーバ上で `mamori capture import FILE` で取り込むか（上限なし）、editcap で分割してください。',
  CAPTURE_LIVE_UNAVAILABLE: 'ライブキャプチャを開始できません: {{why}}',
  TRAFFIC_DEVICE_UNKNOWN: '台帳に機器「{{device}}」がありません（機器 ID か資産番号を指定してください）。',
}
