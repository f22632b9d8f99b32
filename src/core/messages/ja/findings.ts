import type { Catalog } from '../en.js'

/**
 * スキャンの検出事項の日本語（`findings.<判定ID>.<部分>`）。キーと差し込み値は ../en/findings.ts と同じ。
 * 何が見えたか・なぜ問題か・次に何をするかを、臨床工学技士がそのまま読める言葉で書く。
 */
export const findings: Catalog['findings'] = {
  'source.scan': 'ネットワークスキャン',
  'source.disclosure': '製造業者の開示書',
  'source.vulnerability': '脆弱性情報',

  'partial.note': ' なお、この確認は途中で終わっています{{why}}。結果は部分的なものです。',
  'partial.why': '({{reason}})',

  'rule-error.title': '判定「{{rule}}」を実行できませんでした',
  'rule-error.detail': '観測データが想定外の形でした: {{reason}}',
  'rule-error.recommendation': 'この機器をもう一度スキャンしてください。繰り返す場合は不具合として報告してください。',

  'vnc-no-password.title': '画面共有(VNC)にパスワードなしで接続できます',
  'vnc-no-password.detail':
    'ポート{{port}}の VNC(遠隔画面操作)が、パスワード不要の接続方式「None」を提示しました。ネットワーク上の誰でもこの機器の画面を見て、マウスやキーボードを操作できるおそれがあります。(確認は接続方式の一覧を受け取るまでで、画面には接続していません。){{note}}',
  'vnc-no-password.recommendation':
    'すぐに製造販売業者に連絡し、VNC の無効化またはパスワードの設定を依頼してください。それまではポート5900番台への接続をネットワーク機器(ファイアウォール・スイッチ)で遮断し、保守で使う時だけ開けるようにしてください。',

  'telnet-cleartext.title': 'Telnet(暗号化されない遠隔ログイン)が使える状態です',
  'telnet-cleartext.detail':
    'ポート{{port}}で Telnet が応答しました{{prompt}}。Telnet は利用者名・パスワード・操作内容をすべて暗号化せずに送るため、同じネットワークにいる人に読み取られたり、機器を操作されたりするおそれがあります。{{note}}',
  'telnet-cleartext.prompt': '(ログイン画面「{{prompt}}」)',
  'telnet-cleartext.notRead': 'Telnet の応答内容は確認していません',
  'telnet-cleartext.recommendation':
    'Telnet が保守などで本当に必要か製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合は暗号化される SSH に切り替えられるか相談してください。それまでは機器を独立したネットワーク区画に置き、ポート23への接続を保守用の端末だけに制限してください。',

  'smbv1-enabled.title': 'SMBv1(古いファイル共有方式)が有効です',
  'smbv1-enabled.detail':
    'ポート{{ports}}のファイル共有が、古い方式 SMBv1(方言「{{dialect}}」)での接続を受け付けました。SMBv1 は 2017年に世界中の病院の機器を止めたランサムウェア WannaCry が悪用した方式で、現在は使わないことが推奨されています。{{note}}',
  'smbv1-enabled.recommendation':
    '製造販売業者に SMBv1 を無効にできるか(ソフトウェア更新や設定変更で)確認してください。それまでは機器を独立したネットワーク区画に置き、他の区画からのポート139/445への接続を遮断してください。',

  'ftp-anonymous.title': 'FTP に誰でもログインできます(匿名ログイン)',
  'ftp-anonymous.detail':
    'ポート{{port}}の FTP に、利用者名「anonymous」と任意のパスワードでログインできました。ネットワーク上の誰でもファイルを読めたり、置けたりするおそれがあります。(確認はログインのみで、ファイルの一覧や転送は行っていません。){{note}}',
  'ftp-anonymous.recommendation':
    '匿名ログインが必要か製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合でも、読み取り専用で患者情報を置かない設定になっているか確認してください。それまではポート21への接続を必要な機器だけに制限してください。',

  'snmp-default-community.title': 'SNMP が初期設定のコミュニティ名「{{community}}」で応答します',
  'snmp-default-community.detail':
    'SNMP({{versions}})が、初期設定のままのコミュニティ名(SNMP のパスワードにあたるもの)「{{community}}」で機器の情報を返しました{{sysDescr}}。{{risk}}(確認は読み取りのみで、設定の変更は行っていません。){{note}}',
  'snmp-default-community.sysDescr': '(「{{sysDescr}}」)',
  'snmp-default-community.risk.write':
    '「private」は設定の変更に使われることが多い名前で、機器の設定を書き換えられるおそれがあります。',
  'snmp-default-community.risk.read': '誰でも機器の構成情報を読み取れます。',
  'snmp-default-community.recommendation':
    'SNMP が必要か製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合は、推測されにくいコミュニティ名への変更か、暗号化と認証のある SNMPv3 への切り替えを依頼し、UDP 161番への接続を監視用サーバーだけに制限してください。',

  'rdp-without-nla.title': 'リモートデスクトップがネットワークレベル認証(NLA)なしで接続を受け付けます',
  'rdp-without-nla.detail':
    'ポート{{port}}のリモートデスクトップ(RDP)が、{{how}}での接続を受け付けました。利用者を確認する前にログオン画面まで到達できるため、パスワードの総当たりや、BlueKeep のような脆弱性の悪用を受けやすくなります。(確認は接続開始の要求だけで、ログオンはしていません。){{note}}',
  'rdp-without-nla.how.standard': '暗号化の弱い旧来の方式(Standard RDP Security)',
  'rdp-without-nla.how.tls': 'ネットワークレベル認証なしの TLS',
  'rdp-without-nla.recommendation':
    '製造販売業者に、ネットワークレベル認証(NLA)を必須にできるか確認してください。それまではポート3389への接続を保守用の端末だけに制限し、Windows の更新プログラムが適用されているか確認してください。',

  'dicom-any-aet.title': 'DICOM 通信がどの相手先名(AE タイトル)でも受け付けられます',
  'dicom-any-aet.detail':
    'ポート{{port}}の DICOM サービスが、実在しない AE タイトル「{{called}}」宛ての接続を受け付けました{{impl}}。ネットワーク上のどのコンピュータからでも画像を送り込んだり、PACS であれば画像を検索・取得したりできるおそれがあります。(確認は接続確認 C-ECHO のみで、画像の送受信は行っていません。){{note}}',
  'dicom-any-aet.impl': '(実装: {{impl}})',
  'dicom-any-aet.heard.title': 'DICOM 通信がどの相手先名(AE タイトル)でも受け付けられます',
  'dicom-any-aet.heard.detail':
    '通信を聞いただけで(こちらからは何も送っていません)、ポート{{port}}の DICOM サービスが、異なる AE タイトル宛ての接続をいずれも受け付けているのが確認されました(「{{called}}」など){{impl}}。呼ばれた名前を確認していないため、ネットワーク上のどのコンピュータからでも画像を送り込んだり、PACS であれば画像を検索・取得したりできるおそれがあります。{{note}}',
  'dicom-any-aet.heard.recommendation':
    '製造販売業者に、自分の AE タイトル宛てで、登録済みの相手(モダリティ・PACS・ワークステーション)からの接続だけを受け付ける設定にできるか確認してください。誤った AE タイトルを使っている通信相手の設定も直してください。あわせて、DICOM のポートへの接続を通信相手の機器だけに制限してください。',
  'dicom-any-aet.recommendation':
    '製造販売業者に、自分の AE タイトル宛てで、登録済みの相手(モダリティ・PACS・ワークステーション)からの接続だけを受け付ける設定にできるか確認してください。あわせて、DICOM のポートへの接続を通信相手の機器だけに制限してください。',

  'http-admin-without-tls.title': '管理画面・ログイン画面が暗号化されていない HTTP で公開されています',
  'http-admin-without-tls.detail':
    'ポート{{port}}の Web サーバーが、暗号化(TLS/HTTPS)なしでログインまたは管理のページ({{pages}})を返しました{{title}}。ここで入力したパスワードは、同じネットワークにいる人に読み取られるおそれがあります。{{note}}',
  'http-admin-without-tls.pageTitle': '(タイトル「{{title}}」)',
  'http-admin-without-tls.recommendation':
    '製造販売業者に HTTPS(暗号化)を有効にできるか、HTTP を無効にできるか確認してください。それまでは管理画面へのアクセスを保守用の端末だけに制限し、初期パスワードのまま使っていないか確認してください。',

  'ftp-cleartext.title': 'FTP(暗号化されないファイル転送)が使える状態です',
  'ftp-cleartext.detail':
    'ポート{{port}}で FTP が応答しました{{banner}}。FTP はパスワードと転送するファイル(画像や検査データを含むことがあります)を暗号化せずに送ります。{{note}}',
  'ftp-cleartext.banner': '(「{{banner}}」)',
  'ftp-cleartext.notRead': 'FTP の応答内容は確認していません',
  'ftp-cleartext.recommendation':
    'FTP を何に使っているか製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合は SFTP や FTPS など暗号化される方式に切り替えられるか相談してください。それまではポート21への接続を、データをやり取りする相手の機器だけに制限してください。',

  'tls-old-version.title': '古い暗号化方式({{versions}})が使える状態です',
  'tls-old-version.detail':
    'ポート{{port}}の暗号化通信が、すでに使用をやめるよう勧告されている古い版({{versions}})での接続を受け付けました。古い版には弱点があり、条件によっては通信内容を盗み見られたり書き換えられたりするおそれがあります。{{note}}',
  'tls-old-version.recommendation':
    '製造販売業者に、TLS 1.2 以上だけを使う設定(またはソフトウェア更新)が可能か確認してください。接続してくる側の機器が古い版しか使えない場合は、その機器の更新計画も合わせて相談してください。',

  'tls-weak-certificate.title': '暗号化通信の証明書に問題があります',
  'tls-weak-certificate.detail':
    'ポート{{port}}の証明書{{subject}}: {{problems}}。この状態ではブラウザーの警告を無視する習慣がつき、なりすましの機器に気づきにくくなります。{{note}}',
  'tls-weak-certificate.subject': '({{subject}})',
  'tls-weak-certificate.selfSigned': '自己署名(機器自身が発行)',
  'tls-weak-certificate.expired': '有効期限切れ({{date}}まで)',
  'tls-weak-certificate.notYetValid': 'まだ有効期間前({{date}}から)',
  'tls-weak-certificate.weakKey': '鍵が短く弱い({{key}}ビット)',
  'tls-weak-certificate.recommendation':
    '製造販売業者に、病院で管理する証明書(または 2048 ビット以上の鍵で期限内の証明書)に入れ替えられるか確認してください。すぐに対応できない場合は、この機器の証明書の指紋(フィンガープリント)を記録し、変わっていないか定期的に確認してください。',

  'undeclared-open-port.noPortList.title': '使用ポートの一覧が台帳に登録されていません',
  'undeclared-open-port.noPortList.detail':
    'この機器では次のポートが開いていました: {{ports}}。台帳には製造販売業者が示した使用ポートが登録されていないため、想定どおりか判断できません。',
  'undeclared-open-port.noPortList.recommendation':
    '製造販売業者に使用するポートの一覧(MDS2 の記載や技術資料)を依頼し、台帳の「使用ポート」に登録してください。次回の確認から、想定外のポートを自動で指摘できるようになります。',
  'undeclared-open-port.undeclared.title': '製造販売業者が示していないポート {{port}} が開いています',
  'undeclared-open-port.undeclared.detail':
    'ポート {{service}} が開いていましたが、台帳に登録された使用ポート({{declared}})に含まれていません。想定外のサービスは、設定の不備や不要な機能の可能性があります。',
  'undeclared-open-port.undeclared.recommendation':
    'このポートが何に使われているか製造販売業者に確認してください。不要なら無効にしてもらい、必要なら台帳の使用ポートに追加してください。確認できるまでは、このポートへの接続をネットワーク機器で制限することを検討してください。',
  'undeclared-open-port.undeclaredByModel.title': '開示書に記載のないポート {{port}} が開いています',
  'undeclared-open-port.undeclaredByModel.detail':
    'ポート {{service}} が開いていましたが、機種「{{model}}」の開示書(MDS2 など)で製造販売業者が示した使用ポート({{declared}})に含まれていません。開示どおりに設定されていないか、開示書が不完全な可能性があります。',
  'undeclared-open-port.undeclaredByModel.recommendation':
    '製造販売業者に、このポートの用途と開示書に記載がない理由を確認してください(「開示書」画面から質問の文書を作れます)。不要なら無効にしてもらい、確認できるまではネットワーク機器でこのポートへの接続を制限してください。',
  'cleartext-where-tls-declared.title':
    '暗号化と開示されたポート {{port}} で暗号化されていない通信({{service}})が見られました',
  'cleartext-where-tls-declared.detail':
    '機種「{{model}}」の開示書ではポート {{port}} の通信は暗号化(TLS)されるとされていますが、確認では暗号化されていない通信({{service}})として応答しました。パスワードや患者情報が読み取られるおそれがあります。',
  'cleartext-where-tls-declared.recommendation':
    '製造販売業者に、開示内容と実際の設定が違う理由を確認し、暗号化を有効にしてもらってください。対応されるまでは、この機器と通信できる端末をネットワーク機器で必要なものに限ってください。',

  // 受動的な観測のみ: パケットキャプチャで聞こえたもの(issue 12)。能動的なスキャンでは出ません。
  'cleartext-credentials.title': 'ログイン情報が暗号化されずにネットワークを流れました({{protocols}}、ポート{{port}})',
  'cleartext-credentials.detail':
    'パケットキャプチャで、この機器のポート{{port}}への {{protocols}} のログインが{{count}}件聞こえました。この方式はユーザー名とパスワードを暗号化せずに送ります(ユーザー名: {{users}})。{{outcome}}二つの機器の間のネットワークを聞ける人や機器(ミラーポート、同じセグメントの感染したパソコンなど)は、パスワードを読み取り、そのユーザーとしてログインできてしまいます。Mamori は証拠としてユーザー名とパケット番号だけを記録し、パスワードは保存しません。',
  'cleartext-credentials.accepted':
    '少なくとも1件は機器がログインを受け付けたため、本物のパスワードが流れたことになります。',
  'cleartext-credentials.recommendation':
    '上記のユーザーのパスワードを変更してください。製造販売業者に暗号化される方式(Telnet の代わりに SSH、FTP の代わりに SFTP/FTPS、HTTP の代わりに HTTPS)を使えるか確認し、暗号化されない方式は止めてもらってください。それまではこのポートへの接続を必要な機器だけに制限してください。',

  'dicom-without-tls.title': 'DICOM の画像が暗号化されずに送られています',
  'dicom-without-tls.detail':
    'パケットキャプチャで、この機器の DICOM 通信(アソシエーション)が暗号化なしで{{count}}件聞こえました: {{pairs}}(送信側 AE タイトル → 受信側 AE タイトル、相手の機器)。DICOM は画像と一緒に患者氏名・ID・生年月日を運びます。暗号化(DICOM over TLS、通常ポート2762)がないと、経路上で聞いている人が読み取ったり複製したりできます。',
  'dicom-without-tls.recommendation':
    '両方の機器(モダリティと PACS やワークステーション)の製造販売業者に DICOM over TLS に対応しているか確認し、切り替えを計画してください。それまでは DICOM の通信を、画像系の機器だけがつながる別のネットワークセグメント(VLAN)に閉じ込めてください。',

  'hl7-crossing-segments.title': 'HL7 メッセージがネットワークセグメントをまたいで流れています',
  'hl7-crossing-segments.detail':
    'パケットキャプチャで、セグメント {{segment}} にあるこの機器と、別のセグメントの機器との間の HL7 メッセージ(患者データを暗号化せずに運びます)が聞こえました: {{peers}}。ここでの「セグメント」は IPv4 の /24(IPv6 は /64)単位の別ネットワークを指します(キャプチャだけでは病院のネットワーク構成が分からないためです)。セグメントの間ではルーターやファイアウォールを通るため、より多くの人や機器から見える可能性があります。',
  'hl7-crossing-segments.recommendation':
    'ネットワーク構成図で、これらが本当に別のネットワークか確認してください。別であれば、ファイアウォールでこれらの機器の間の HL7(MLLP)だけを許可し、インターフェースを暗号化できないか(MLLP over TLS やセグメント間の VPN)ベンダーに相談してください。',

  'internet-traffic.title': 'この機器がインターネットと通信しました({{count}}件のアドレス)',
  'internet-traffic.detail':
    'パケットキャプチャで、この機器が{{count}}件のインターネット上のアドレスと通信しているのが聞こえました。例: {{peers}}(アドレス:ポート)。医療機器は通常、院内のシステムとだけ通信します。インターネットとの通信は、リモート保守やクラウドサービスのこともあれば、意図しないソフトウェアが動いている兆候のこともあります。',
  'internet-traffic.recommendation':
    '製造販売業者と使用部署に、どの通信が想定どおりか(リモート保守契約、更新、クラウドサービス)確認して記録してください。それ以外はファイアウォールで遮断し、リモート保守には病院が認めた接続経路だけを使ってください。',

  'probe-incomplete.title': '確認「{{probe}}」が途中で終わりました',
  'probe-incomplete.detail':
    'ポート{{port}}/{{transport}}での確認「{{probe}}」が最後まで完了しませんでした(理由: {{reason}})。得られた部分的な結果は保存されていますが、弱点がないとは言い切れません。',
  'probe-incomplete.recommendation':
    '機器の負荷が低い時間帯に、穏やかなプロファイル(gentle)で再度確認してください。繰り返し途中で終わる場合は、機器が想定外の通信に弱い可能性があるため製造販売業者に相談してください。',
}
