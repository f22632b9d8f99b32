import { type DisclosureQuestion, questionsOf } from './question.js'

/**
 * The MDS2 2013 form (HIMSS/NEMA HN 1-2013) as a question set. That form numbers its questions by section: the
 * private-data block uses letters (A, B.1 … D.8) and the 20 security sections use "section-question" (`1-1` is the
 * first automatic-logoff question, `12-1.1` one under person authentication). Section 4 is CNFS (configuration of
 * security features); there is no SBOM, CONN or RMOT section (remote service is asked under OTHR, 20-1).
 * Texts are Mamori's own short summaries in Japanese and English, not the form's wording. Data file.
 */
export const MDS2_2013_QUESTIONS: readonly DisclosureQuestion[] = [
  ...questionsOf('MPII', [
    [
      'A',
      'Device shows, sends or keeps private data (incl. ePHI)',
      '機器が個人情報(電子的な診療情報を含む)を表示・送信・保持する',
    ],
    ['B', 'Kinds of private data the device can keep', '保持できる個人情報の種類'],
    ['B.1', 'Demographic data (name, address, ID)', '属性情報(氏名・住所・ID など)'],
    ['B.2', 'Medical record data (record number, account)', '診療記録の情報(カルテ番号など)'],
    ['B.3', 'Diagnostic or therapeutic data (images, results)', '診断・治療の情報(画像・検査結果など)'],
    ['B.4', 'Free text entered by users', '利用者が入力する自由記述'],
    ['B.5', 'Biometric data', '生体情報'],
    ['B.6', 'Personal financial information', '個人の金銭情報'],
    ['C', 'How the device keeps private data', '個人情報の保持のしかた'],
    ['C.1', 'Only in memory until power-off', '電源を切るまでメモリ上にだけ保持する'],
    ['C.2', 'Stored on local media', '機器内の媒体に保存する'],
    ['C.3', 'Exchanged with other systems', '他のシステムとやり取りする'],
    ['C.4', 'Kept through power loss', '停電の間も保持される'],
    ['D', 'Ways private data enters or leaves the device', '個人情報の送受信・入出力の手段'],
    ['D.1', 'Shown on screen', '画面に表示する'],
    ['D.2', 'Printed reports or images', '報告書・画像を印刷する'],
    ['D.3', 'Removable media', '外部媒体に読み書きする'],
    ['D.4', 'Dedicated cable (RS-232, USB)', '専用ケーブル(RS-232C・USB など)'],
    ['D.5', 'Wired network', '有線ネットワーク'],
    ['D.6', 'Wireless network', '無線ネットワーク'],
    ['D.7', 'Scanning documents', '書類のスキャン'],
    ['D.8', 'Other ways', 'その他の手段'],
  ]),
  ...questionsOf('ALOF', [
    [
      '1-1',
      'Logs users off or locks the screen after inactivity',
      '一定時間操作がないと自動ログオフまたは画面ロックする',
    ],
    ['1-1.1', 'The inactivity time can be set', '自動ログオフまでの時間を設定できる'],
    ['1-1.2', 'The screen can be locked by hand', '手動で画面ロックできる'],
  ]),
  ...questionsOf('AUDT', [
    ['2-1', 'Device keeps an audit trail', '機器が監査証跡(操作記録)を残せる'],
    ['2-2', 'Events recorded in the audit trail', '記録されるイベント'],
    ['2-2.1', 'Logins and logouts', 'ログイン・ログアウト'],
    ['2-2.2', 'Display of data', 'データの表示'],
    ['2-2.3', 'Data created, changed or deleted', 'データの作成・変更・削除'],
    ['2-2.4', 'Import/export via removable media', '外部媒体からの入出力'],
    ['2-2.5', 'Data received or sent over a network', 'ネットワーク経由の送受信'],
    ['2-2.5.1', 'Remote service sessions', 'リモート保守の作業'],
    ['2-2.6', 'Other events', 'その他のイベント'],
    ['2-3', 'How events are identified', 'イベントを識別する情報'],
    ['2-3.1', 'User ID', '利用者 ID'],
    ['2-3.2', 'Date and time', '日時'],
  ]),
  ...questionsOf('AUTH', [
    ['3-1', 'Unauthorised people are kept out (login or similar)', 'ログインなどで権限のない人の利用を防ぐ'],
    ['3-2', 'Users can get different rights by role', '役割ごとに権限を分けられる'],
    ['3-3', 'The hospital can get full administrator rights', '病院側が無制限の管理者権限を得られる'],
  ]),
  ...questionsOf('CNFS', [
    ['4-1', 'The hospital can change the security settings', '病院側でセキュリティ機能の設定を変えられる'],
  ]),
  ...questionsOf('CSUP', [
    [
      '5-1',
      'OS and security patches can be applied as they come out',
      'OS や機器のセキュリティ更新を公開に合わせて適用できる',
    ],
    ['5-1.1', 'Patches or software can be installed remotely', '更新やソフトウェアを遠隔で導入できる'],
  ]),
  ...questionsOf('DIDT', [['6-1', 'Can de-identify private data itself', '機器自身で個人情報を匿名化できる']]),
  ...questionsOf('DTBK', [
    [
      '7-1',
      'Has its own data backup (removable media or remote)',
      '機器にデータのバックアップ機能がある(外部媒体・遠隔)',
    ],
  ]),
  ...questionsOf('EMRG', [
    ['8-1', 'Has an emergency (break-glass) access function', '緊急時アクセス(ブレークグラス)機能がある'],
  ]),
  ...questionsOf('IGAU', [
    ['9-1', 'Checks stored data for errors or tampering', '保存データの誤りや改ざんを検出する仕組みがある'],
  ]),
  ...questionsOf('MLDP', [
    ['10-1', 'Supports anti-malware software', 'マルウェア対策ソフトを使える'],
    ['10-1.1', 'The hospital can change anti-malware settings', '病院側でマルウェア対策の設定を変えられる'],
    ['10-1.2', 'Malware detection is shown on screen', 'マルウェアを検知すると画面に表示される'],
    ['10-1.3', 'Only the manufacturer may repair an infected device', '感染時の修復は製造業者が認めた者に限られる'],
    ['10-2', 'The hospital may install or update anti-malware', '病院側でマルウェア対策ソフトを導入・更新してよい'],
    ['10-3', 'The hospital can update virus definitions', '病院側でウイルス定義ファイルを更新できる'],
  ]),
  ...questionsOf('NAUT', [
    ['11-1', 'Communication partners authenticate each other', '通信相手どうしを認証する仕組みがある'],
  ]),
  ...questionsOf('PAUT', [
    ['12-1', 'Supports a personal user name and password', '利用者ごとのユーザー名とパスワードに対応する'],
    [
      '12-1.1',
      'Supports individual IDs and passwords for several users',
      '複数の利用者に個別の ID とパスワードを設定できる',
    ],
    [
      '12-2',
      'Can authenticate users via an external service (AD, LDAP)',
      '外部の認証サービス(AD・LDAP など)で認証できる',
    ],
    ['12-3', 'Locks a user out after repeated failed logins', 'ログインを一定回数失敗するとロックする'],
    ['12-4', 'Default passwords can be changed before use', '初期パスワードを使用開始前に変更できる'],
    ['12-5', 'Shared user IDs are used', '共用の利用者 ID が使われている'],
    ['12-6', 'Can enforce the hospital’s password rules', '病院のパスワード規則(複雑さ)を強制できる'],
    ['12-7', 'Passwords can be set to expire', 'パスワードに有効期限を設定できる'],
  ]),
  ...questionsOf('PLOK', [
    ['13-1', 'Parts holding private data are physically secured', '個人情報を持つ部品が物理的に保護されている'],
  ]),
  ...questionsOf('RDMP', [
    ['14-1', 'Operating systems used are listed in the notes', '使用する OS(バージョンを含む)が注記に記載されている'],
    ['14-2', 'A list of other third-party software is available', 'その他の他社製ソフトの一覧がある'],
  ]),
  ...questionsOf('SAHD', [
    ['15-1', 'Uses hardening measures', '堅牢化(ハードニング)の対策をしている'],
    [
      '15-2',
      'Checks installed software and updates are the manufacturer’s',
      '導入ソフトや更新が製造業者の正規品か確認する',
    ],
    ['15-3', 'Has external communication (network, modem)', '外部と通信する機能(ネットワーク・モデム)がある'],
    ['15-4', 'File-level access control is possible (e.g. NTFS)', 'ファイル単位のアクセス制御ができる(NTFS など)'],
    ['15-5', 'Unneeded accounts are disabled or deleted', '不要なアカウントが無効化・削除されている'],
    ['15-6', 'Unneeded shared resources are disabled', '不要な共有が無効になっている'],
    ['15-7', 'Unneeded ports are disabled', '不要なポートが無効になっている'],
    [
      '15-8',
      'Unneeded services (telnet, FTP…) are removed or disabled',
      '不要なサービス(telnet・FTP など)が削除・無効になっている',
    ],
    ['15-9', 'Unneeded applications are removed or disabled', '不要なアプリケーションが削除・無効になっている'],
    ['15-10', 'Can boot from uncontrolled or removable media', '管理されていない媒体や外部媒体から起動できてしまう'],
    [
      '15-11',
      'Unauthorised software/hardware can be added without tools',
      '許可のないソフト・ハードを工具なしで追加できてしまう',
    ],
  ]),
  ...questionsOf('SGUD', [
    ['16-1', 'Security features are documented for users', 'セキュリティ機能が利用者向けに文書化されている'],
    ['16-2', 'Instructions for permanent data deletion are available', 'データを完全に消去する手順が提供される'],
  ]),
  ...questionsOf('STCF', [['17-1', 'Can encrypt stored data', '保存データを暗号化できる']]),
  ...questionsOf('TXCF', [
    [
      '18-1',
      'Private data travels only over a dedicated point-to-point cable',
      '個人情報は 1 対 1 の専用ケーブルでのみ送られる',
    ],
    ['18-2', 'Private data is encrypted before sending', '個人情報を送信前に暗号化する'],
    ['18-3', 'Sends private data only to a fixed list of destinations', '個人情報の送り先が決められた相手に限られる'],
  ]),
  ...questionsOf('TXIG', [
    ['19-1', 'Protects data against changes in transit', '送信中のデータ改ざんを防ぐ仕組みがある'],
  ]),
  ...questionsOf('OTHR', [
    ['20-1', 'The device can be serviced remotely', 'リモート保守ができる'],
    [
      '20-2',
      'Remote access can be limited to given devices, users or networks',
      '遠隔アクセスを特定の機器・利用者・ネットワークに限定できる',
    ],
    ['20-2.1', 'The local user must accept or start remote access', '遠隔アクセスには現場の利用者の承認・開始が必要'],
  ]),
]

/** The 2013 form numbers its security sections 1–20; the number in an id like `12-1.1` names the section. */
export const MDS2_2013_SECTION_NUMBERS: Readonly<Record<number, string>> = {
  1: 'ALOF',
  2: 'AUDT',
  3: 'AUTH',
  4: 'CNFS',
  5: 'CSUP',
  6: 'DIDT',
  7: 'DTBK',
  8: 'EMRG',
  9: 'IGAU',
  10: 'MLDP',
  11: 'NAUT',
  12: 'PAUT',
  13: 'PLOK',
  14: 'RDMP',
  15: 'SAHD',
  16: 'SGUD',
  17: 'STCF',
  18: 'TXCF',
  19: 'TXIG',
  20: 'OTHR',
}
