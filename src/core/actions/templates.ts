/**
 * What a person does about a kind of finding, in plain words: one template per known rule id of the scan (and of the
 * disclosure port comparison), with `{{count}}` standing for the number of devices. Findings of any other rule fall
 * back to their own title and recommendation (see `actionTexts` in ./plan.ts). `what` is the short name of the
 * problem used in closing evidence ("スキャン … で 10.0.0.5:23 の Telnet が見えなくなりました").
 */
export interface ActionTemplate {
  readonly titleJa: string
  readonly titleEn: string
  readonly detailJa: string
  readonly detailEn: string
  readonly whatJa: string
  readonly whatEn: string
}

export const ACTION_TEMPLATES: Readonly<Record<string, ActionTemplate>> = {
  'telnet-cleartext': {
    titleJa: 'Telnet を停止する（または隔離区画へ移す）— {{count}} 台',
    titleEn: 'Turn off Telnet (or move into an isolated segment) — {{count}} devices',
    detailJa:
      'Telnet はパスワードも操作内容も暗号化せずに流します。製造業者に Telnet を止められるか（SSH などへの切り替え）を確認して止めてください。止められない機器は、保守端末だけが届く専用の区画に移してください。',
    detailEn:
      'Telnet sends passwords and commands unencrypted. Ask the manufacturer whether Telnet can be turned off (or replaced by SSH) and turn it off. Devices where it cannot be turned off go into a dedicated segment that only the service workstation can reach.',
    whatJa: 'Telnet',
    whatEn: 'Telnet',
  },
  'ftp-cleartext': {
    titleJa: '暗号化されない FTP をやめる（SFTP/FTPS へ切り替えるか止める）— {{count}} 台',
    titleEn: 'Stop unencrypted FTP (switch to SFTP/FTPS or turn it off) — {{count}} devices',
    detailJa:
      'FTP はパスワードとファイルを暗号化せずに送ります。使っていなければ止め、必要なら SFTP や FTPS への切り替えを製造業者に相談してください。それまでは通信相手を限定してください。',
    detailEn:
      'FTP sends passwords and files unencrypted. Turn it off if unused; if needed, ask the manufacturer about SFTP or FTPS. Until then, limit which hosts may connect.',
    whatJa: 'FTP',
    whatEn: 'FTP',
  },
  'ftp-anonymous': {
    titleJa: '匿名 FTP ログインを止める — {{count}} 台',
    titleEn: 'Turn off anonymous FTP login — {{count}} devices',
    detailJa:
      '誰でもパスワードなしでファイルを読み書きできる状態です。匿名ログインを無効にし、必要な相手だけにアカウントを発行してください。',
    detailEn:
      'Anyone can read or write files without a password. Disable anonymous login and give accounts only to the peers that need them.',
    whatJa: '匿名 FTP',
    whatEn: 'anonymous FTP',
  },
  'smbv1-enabled': {
    titleJa: 'SMBv1 を無効にする（できない機器は隔離区画へ移す）— {{count}} 台',
    titleEn: 'Disable SMBv1 (or move the devices that cannot into an isolated segment) — {{count}} devices',
    detailJa:
      'SMBv1 は WannaCry などのランサムウェアが広がるのに使われた古い共有の方式です。製造業者に SMBv1 を無効にできるか確認し、できない機器は専用の区画に移して、通信相手を必要なサーバだけに限定してください。',
    detailEn:
      'SMBv1 is the old file-sharing protocol that ransomware such as WannaCry used to spread. Ask the manufacturer whether SMBv1 can be disabled; move devices where it cannot into a dedicated segment and allow only the servers they need.',
    whatJa: 'SMBv1',
    whatEn: 'SMBv1',
  },
  'snmp-default-community': {
    titleJa: 'SNMP の初期コミュニティ名（public など）を変更する — {{count}} 台',
    titleEn: 'Change the default SNMP community (such as "public") — {{count}} devices',
    detailJa:
      '初期設定のコミュニティ名のままだと、誰でも機器の設定や状態を読め、機器によっては書き換えもできます。コミュニティ名を変更するか SNMPv3 に切り替え、使っていなければ SNMP を止めてください。',
    detailEn:
      'With the default community, anyone can read the device settings and status, and on some devices change them. Change the community or switch to SNMPv3; turn SNMP off if unused.',
    whatJa: 'SNMP の初期コミュニティ名',
    whatEn: 'the default SNMP community',
  },
  'http-admin-without-tls': {
    titleJa: '管理画面を HTTPS にする（または保守端末からだけ開けるようにする）— {{count}} 台',
    titleEn: 'Put the admin page on HTTPS (or reachable only from the service workstation) — {{count}} devices',
    detailJa:
      '管理画面のパスワードが暗号化されずに流れます。HTTPS を有効にできるか製造業者に確認し、できない間は管理画面に届く端末を限定してください。',
    detailEn:
      'The admin page password travels unencrypted. Ask the manufacturer whether HTTPS can be enabled; until then, limit which computers can reach the admin page.',
    whatJa: '暗号化されない管理画面',
    whatEn: 'the unencrypted admin page',
  },
  'vnc-no-password': {
    titleJa: 'パスワードなしの VNC（遠隔画面操作）を止める — {{count}} 台',
    titleEn: 'Stop VNC remote control without a password — {{count}} devices',
    detailJa:
      'ネットワーク上の誰でも、この機器の画面を見て操作できます。VNC を止めるか、パスワードを設定し、保守端末からだけ届くようにしてください。',
    detailEn:
      'Anyone on the network can see and operate this device’s screen. Turn VNC off, or set a password and make it reachable only from the service workstation.',
    whatJa: 'パスワードなしの VNC',
    whatEn: 'VNC without a password',
  },
  'rdp-without-nla': {
    titleJa: 'リモートデスクトップにネットワークレベル認証（NLA）を設定する — {{count}} 台',
    titleEn: 'Require Network Level Authentication for Remote Desktop — {{count}} devices',
    detailJa:
      'ログイン前の画面が誰にでも開かれ、過去に悪用された脆弱性の入口になります。NLA を有効にできるか製造業者に確認し、リモートデスクトップを使う端末を限定してください。',
    detailEn:
      'The pre-login screen is open to anyone and has been the way in for exploited vulnerabilities. Ask the manufacturer whether NLA can be enabled and limit which computers may use Remote Desktop.',
    whatJa: 'NLA なしのリモートデスクトップ',
    whatEn: 'Remote Desktop without NLA',
  },
  'dicom-any-aet': {
    titleJa: 'DICOM の接続相手（AE タイトル）を限定する — {{count}} 台',
    titleEn: 'Accept DICOM only from known AE titles — {{count}} devices',
    detailJa:
      'どの AE タイトルからの接続も受け付けるため、誰でも画像を送ったり問い合わせたりできます。受け付ける AE タイトルと IP アドレスを、PACS やモダリティなど必要な相手だけにしてください。',
    detailEn:
      'It accepts any calling AE title, so anyone can send or query images. Accept only the AE titles and addresses that need it (PACS, the modalities).',
    whatJa: 'AE タイトルを問わない DICOM',
    whatEn: 'DICOM accepting any AE title',
  },
  'tls-old-version': {
    titleJa: '古い TLS（1.0/1.1 など）を止める — {{count}} 台',
    titleEn: 'Turn off old TLS versions (1.0/1.1 and older) — {{count}} devices',
    detailJa:
      '古い TLS は解読や改ざんの方法が知られています。TLS 1.2 以上だけを使う設定にできるか製造業者に確認してください。',
    detailEn:
      'Old TLS versions have known ways to decrypt or tamper with traffic. Ask the manufacturer whether the device can be set to TLS 1.2 or newer only.',
    whatJa: '古い TLS',
    whatEn: 'old TLS',
  },
  'tls-weak-certificate': {
    titleJa: '弱い・期限切れの証明書を入れ替える — {{count}} 台',
    titleEn: 'Replace weak or expired certificates — {{count}} devices',
    detailJa:
      '証明書の期限切れや弱い鍵では、通信相手が本物か確かめられません。製造業者と相談して証明書を更新してください。',
    detailEn:
      'An expired certificate or a weak key means peers cannot tell the device is genuine. Renew the certificate with the manufacturer.',
    whatJa: '弱い証明書',
    whatEn: 'the weak certificate',
  },
  'undeclared-open-port': {
    titleJa: '製造業者が申告していない開いたポートを確認して閉じる — {{count}} 台',
    titleEn: 'Check and close open ports the manufacturer did not declare — {{count}} devices',
    detailJa:
      '製造業者の資料にないポートが開いています。何のためのポートかを製造業者に確認し、不要なら閉じてください。',
    detailEn:
      "Ports are open that the manufacturer's documents do not list. Ask the manufacturer what they are for and close those that are not needed.",
    whatJa: '申告のないポート',
    whatEn: 'the undeclared port',
  },
  'cleartext-where-tls-declared': {
    titleJa: '暗号化と申告された通信が暗号化されていない点を製造業者に確認する — {{count}} 台',
    titleEn: 'Ask the manufacturer why traffic declared encrypted is not — {{count}} devices',
    detailJa:
      '製造業者は暗号化すると申告していますが、実際には暗号化されずに流れています。設定の誤りか、申告の誤りかを確認してください。',
    detailEn:
      'The manufacturer declares this traffic encrypted, but it travels unencrypted. Find out whether the setting or the declaration is wrong.',
    whatJa: '暗号化されない通信',
    whatEn: 'unencrypted traffic',
  },
  'probe-incomplete': {
    titleJa: '途中で終わった確認をやり直す — {{count}} 台',
    titleEn: 'Re-run the checks that stopped part-way — {{count}} devices',
    detailJa: '確認が途中で終わり、結果が不完全です。機器が使われていない時間にスキャンをやり直してください。',
    detailEn: 'A check stopped part-way and its result is incomplete. Re-scan when the device is not in use.',
    whatJa: '途中で終わった確認',
    whatEn: 'the incomplete check',
  },
  'support-end-before-service-life': {
    titleJa: 'サポートが終わる（終わった）機器の更新計画を立て、それまで隔離する — {{count}} 台',
    titleEn:
      'Plan the replacement of devices whose support ends (or ended), and isolate them until then — {{count}} devices',
    detailJa:
      '製造業者のサポートが終わると、新しい脆弱性にパッチが出ません。延長サポートの有無を製造業者に確認し、更新を予算に入れ、それまでは専用の区画に置いて通信相手を限定してください。',
    detailEn:
      "Once the manufacturer's support ends, new vulnerabilities get no patches. Ask about extended support, budget the replacement and keep the devices in a dedicated segment with limited peers until then.",
    whatJa: 'サポート終了',
    whatEn: 'the support gap',
  },
}

/** The template for this rule id, or undefined (then the findings' own texts are used). */
export function actionTemplate(ruleId: string): ActionTemplate | undefined {
  return Object.hasOwn(ACTION_TEMPLATES, ruleId) ? ACTION_TEMPLATES[ruleId] : undefined
}

/** Fills `{{count}}` (and nothing else) in a template text; "1 devices" becomes "1 device". */
export function fillCount(text: string, count: number): string {
  const t = count === 1 ? text.replaceAll('{{count}} devices', '1 device') : text
  return t.replaceAll('{{count}}', String(count))
}
