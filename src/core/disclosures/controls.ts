/**
 * The compensating controls a hospital puts in place when a manufacturer's answers show a weakness the device
 * cannot fix itself. Each is tied to the MHLW checklist item it serves (医療機関確認用, 令和7年度 numbering) and, where
 * the checklist prints one beside the item, the 安全管理ガイドライン 第6.0版 section. Sections are only given where
 * the checklist names them (see /work/shared/reference/mhlw-checklist.md); null means "not pinned to a section".
 * Rules refer to controls by id; an evaluation lists each needed control once, citing every answer that needs it.
 */
export interface ControlDefinition {
  readonly titleJa: string
  readonly titleEn: string
  readonly detailJa: string
  readonly detailEn: string
  /** e.g. "2-⑬" (接続元制限). */
  readonly checklistItem: string | null
  readonly guidelineRef: string | null
}

export const CONTROLS = {
  'secure-zone': {
    titleJa: '専用ネットワーク区画への隔離と接続元制限',
    titleEn: 'Isolated network segment with restricted connection sources',
    detailJa:
      'この機器を医療機器用の専用 VLAN などに置き、通信してよい相手(PACS、電子カルテ連携サーバ、保守端末など)だけをファイアウォールやスイッチの設定で許可してください。機器そのものに守る仕組みが足りない分を、ネットワーク側で補います。',
    detailEn:
      'Place the device in a dedicated segment (e.g. a medical-device VLAN) and allow only the peers it needs (PACS, the EHR interface server, the service workstation) on the firewall or switch. The network makes up for what the device cannot protect itself.',
    checklistItem: '2-⑬',
    guidelineRef: 'システム運用編 13⑪',
  },
  'remote-maintenance-allowlist': {
    titleJa: 'リモート保守の接続元限定と記録',
    titleEn: 'Remote maintenance only from allowed sources, with records',
    detailJa:
      'リモート保守は、事業者と取り決めた接続経路(VPN 装置など)と接続元だけから、必要なときだけ許可してください。接続の開始・終了・作業内容の記録(ログ)を残し、定期的に確認します。事業者にリモート保守の有無と方法を確認したことを記録に残してください。',
    detailEn:
      'Allow remote maintenance only over the agreed path (e.g. the VPN appliance), only from the agreed sources and only when needed. Keep records (logs) of each session start, end and work done, and review them. Record that you confirmed with the vendor whether and how remote maintenance is used.',
    checklistItem: '2-②',
    guidelineRef: '企画管理編 9.1; システム運用編 10.1',
  },
  'account-management': {
    titleJa: 'アカウントとパスワードの管理',
    titleEn: 'Account and password management',
    detailJa:
      '利用者ごとのアカウントを使い、初期パスワードは導入時に変更し、退職者や使わないアカウント(保守用を含む)は削除または無効にしてください。機器側でできない場合は、誰がいつ使ったかを運用(使用記録)で残してください。',
    detailEn:
      'Use one account per person, change default passwords at installation, and delete or disable accounts of people who left and unused accounts (service accounts included). Where the device cannot do this, record who used it and when by procedure (a usage log).',
    checklistItem: '2-⑤',
    guidelineRef: null,
  },
  'password-policy': {
    titleJa: 'パスワードの長さ・使い回し禁止',
    titleEn: 'Password length and no reuse',
    detailJa:
      '8 文字以上で英数字・記号を混ぜたパスワード(13 文字以上または二要素認証なら定期変更は不要)を設定し、他のシステムとの使い回しを禁止してください。機器が設定できない場合は、その旨と代わりの対策を記録してください。',
    detailEn:
      'Set passwords of 8+ mixed characters (no periodic change needed with 13+ characters or two-factor authentication) and forbid reusing them on other systems. Where the device cannot enforce this, record that and the measure used instead.',
    checklistItem: '2-⑦',
    guidelineRef: null,
  },
  'two-factor': {
    titleJa: '二要素認証の計画',
    titleEn: 'Plan for two-factor authentication',
    detailJa:
      '二要素認証は令和9年度までの導入が求められています。機器が対応しない場合は、機器へ接続する端末側やネットワーク側での二要素認証、または物理的な入室管理で補う計画を立ててください。',
    detailEn:
      'Two-factor authentication is expected by FY2027. Where the device cannot do it, plan to provide it on the workstations or network path that reach the device, or by physical access control.',
    checklistItem: '2-⑩',
    guidelineRef: null,
  },
  'usb-control': {
    titleJa: 'USB メモリなど外部記録媒体の接続制限',
    titleEn: 'Restrict USB memory and other removable media',
    detailJa:
      'USB ポートや記録媒体の差込口は、許可した媒体だけを使う運用にし、可能ならポートロックで塞いでください。使う媒体は事前にウイルス検査を行い、持ち出しは記録してください。',
    detailEn:
      'Allow only approved media in USB ports and media slots, and block unused ports with port locks where possible. Scan media for malware before use and record media taken out.',
    checklistItem: '2-⑨',
    guidelineRef: null,
  },
  'patch-management': {
    titleJa: '事業者と合意したパッチ適用の手順',
    titleEn: 'Patch procedure agreed with the vendor',
    detailJa:
      'セキュリティパッチを誰が・いつ・どう適用するかを事業者と取り決め、適用状況を台帳に記録してください。病院側で適用できない機器は、パッチが出たら事業者に適用を依頼し、それまでは隔離などで補います。',
    detailEn:
      'Agree with the vendor who applies security patches, when and how, and record the patch state in the ledger. For devices the hospital cannot patch, ask the vendor to apply each patch when released, and isolate the device until then.',
    checklistItem: '2-⑥',
    guidelineRef: 'システム運用編 8.2',
  },
  'vulnerability-watch': {
    titleJa: '脆弱性情報の入手と確認',
    titleEn: 'Watching for vulnerability information',
    detailJa:
      '事業者からの脆弱性情報が届く連絡窓口を決め、公開されているアドバイザリ(JVN、CISA など)を機種ごとに定期的に確認してください。構成部品の一覧(SBOM)があれば、該当する脆弱性を探しやすくなります。',
    detailEn:
      "Set up a contact point for the vendor's vulnerability notices and check public advisories (JVN, CISA…) for this model regularly. A list of software components (SBOM) makes it much easier to find the vulnerabilities that apply.",
    checklistItem: '2-⑥',
    guidelineRef: null,
  },
  'disable-unneeded-services': {
    titleJa: '不要なサービス・ポートの停止',
    titleEn: 'Stop unneeded services and ports',
    detailJa:
      '業務に使わないサービス(Telnet、FTP、ファイル共有など)やポートを止めるよう事業者に依頼してください。止められない場合は、ネットワーク側でそのポートへの通信を遮断します。スキャン結果で開いているポートを確認できます。',
    detailEn:
      'Ask the vendor to disable services (Telnet, FTP, file sharing…) and ports not needed for clinical use. Where they cannot be disabled, block those ports on the network. The scan results show which ports are open.',
    checklistItem: '2-⑫',
    guidelineRef: 'システム運用編 8.1',
  },
  'access-log-review': {
    titleJa: 'アクセス記録の確保と確認',
    titleEn: 'Keep and review access records',
    detailJa:
      '機器が操作記録(監査ログ)を残せない、または足りない場合は、接続する端末・サーバやネットワーク機器のログ、運用上の使用記録で補い、定期的に確認してください。',
    detailEn:
      'Where the device keeps no (or too little) audit log, make up for it with the logs of the workstations, servers and network equipment it talks to, and with usage records, and review them regularly.',
    checklistItem: '2-⑪',
    guidelineRef: null,
  },
  'network-monitoring': {
    titleJa: 'ネットワーク通信の監視',
    titleEn: "Monitor the device's network traffic",
    detailJa:
      '機器内でウイルスを検知できないため、機器が通信する相手や量をネットワーク側で監視し、普段と違う通信(知らない相手、深夜の大量通信など)に気づける体制にしてください。',
    detailEn:
      'As the device cannot detect malware itself, watch whom it talks to and how much on the network, so that unusual traffic (unknown peers, large transfers at night…) is noticed.',
    checklistItem: '2-⑬',
    guidelineRef: null,
  },
  'backup-and-restore': {
    titleJa: 'バックアップと復旧手順の確認',
    titleEn: 'Backups and a tested restore procedure',
    detailJa:
      '診療を続けるのに必要なデータと設定のバックアップ方法(機器外への保存、複数世代)と、故障やランサムウェア被害から復旧する手順を事業者と確認し、実際に戻せることを試してください。',
    detailEn:
      'Agree with the vendor how data and settings needed to keep treating patients are backed up (off the device, several generations) and how the device is restored after a failure or ransomware, and test that a restore works.',
    checklistItem: '3-②',
    guidelineRef: '経営管理編 3.4.1; 企画管理編 11.2, 12.2; システム運用編 11.1, 12.2',
  },
  'downtime-procedure': {
    titleJa: '機器が使えないとき・緊急時の手順',
    titleEn: 'Procedure for downtime and emergencies',
    detailJa:
      'ログインできない・機器が止まったときに患者の診療をどう続けるか(代替機、紙運用、緊急時のアカウント)を部署ごとに決め、事業継続計画(BCP)に入れてください。',
    detailEn:
      'Decide per ward how patient care continues when nobody can log in or the device stops (spare device, paper procedure, emergency account), and put it into the business continuity plan (BCP).',
    checklistItem: '3-③',
    guidelineRef: null,
  },
  'physical-protection': {
    titleJa: '物理的な保護と廃棄・修理時のデータ消去',
    titleEn: 'Physical protection and erasing data before disposal or repair',
    detailJa:
      '患者情報が暗号化されずに機器内に残るため、機器や記録媒体の盗難・持ち出しを防ぎ(設置場所の管理、施錠)、修理に出すときや廃棄するときはデータを消去した証明を事業者から受け取ってください。',
    detailEn:
      'Patient data stays unencrypted inside the device: prevent theft or removal of the device and its media (controlled location, locks), and get a certificate of data erasure from the vendor whenever it goes to repair or disposal.',
    checklistItem: null,
    guidelineRef: null,
  },
  'mds-sds-follow-up': {
    titleJa: 'MDS/SDS の「いいえ」項目への対応の記録',
    titleEn: 'Record how the MDS/SDS "No" items are handled',
    detailJa:
      'MDS/SDS で「いいえ」となっている項目について、病院側の対策(代わりの対策、受け入れる理由)を決めて記録し、立入検査などで説明できるようにしてください。MDS/SDS を受け取ったことはチェックリスト 2-③ の根拠になります。',
    detailEn:
      'For each MDS/SDS item answered "No", decide and record the hospital\'s measure (a compensating control, or why the risk is accepted) so it can be explained at an inspection. Having obtained the MDS/SDS is the evidence for checklist item 2-③.',
    checklistItem: '2-③',
    guidelineRef: null,
  },
} as const satisfies Record<string, ControlDefinition>

export type ControlId = keyof typeof CONTROLS

const BY_ID: Readonly<Record<string, ControlDefinition>> = CONTROLS

/** The control with this id, or undefined. */
export function controlDefinition(id: string): ControlDefinition | undefined {
  return Object.hasOwn(BY_ID, id) ? BY_ID[id] : undefined
}
