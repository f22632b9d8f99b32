import type { RequirementItem } from '../../../api/procurement.js'

/**
 * Mamori's procurement requirements template (調達要件テンプレート, issue 11 part 1, ADR 0039): what a Japanese hospital
 * can paste into a tender's specification (仕様書) so that the device it buys can be kept safe for its whole service
 * life. Each requirement carries plain-words rationale, a weight (1–5), a mandatory flag and its sources. Sources are
 * only those we are sure of: MHLW checklist item numbers (令和7年度 numbering), MDS2 (ANSI/NEMA HN 1-2019) question ids,
 * IEC 81001-5-1 / JIS T 81001-5-1 (no clause where unsure), and the MHLW guideline 第6.0版 section when known.
 */

export const TEMPLATE_NAME = 'Mamori 調達要件テンプレート'
export const TEMPLATE_VERSION = '2026.1'

const CL = (n: string) => `MHLW checklist ${n}`
const IEC = 'IEC 81001-5-1 / JIS T 81001-5-1'

type Item = Omit<RequirementItem, 'rationaleJa' | 'rationaleEn'> & { rationaleJa: string; rationaleEn: string }

export const TEMPLATE_ITEMS: readonly Item[] = [
  {
    id: 'P-01',
    category: 'disclosure',
    textJa: '入札時に、製造業者による医療機器セキュリティ開示書 MDS2（ANSI/NEMA HN 1-2019 版）を提出すること。',
    textEn:
      'Provide the Manufacturer Disclosure Statement for Medical Device Security (MDS2, ANSI/NEMA HN 1-2019) with the bid.',
    rationaleJa: 'どのような通信・アカウント・保護機能を持つ機器かを、購入前に比較するための基本資料です。',
    rationaleEn:
      'The basic document to compare what each device communicates, which accounts it has and how it protects data, before buying.',
    mandatory: true,
    weight: 5,
    refs: ['MDS2 (ANSI/NEMA HN 1-2019)'],
  },
  {
    id: 'P-02',
    category: 'disclosure',
    textJa:
      '入札時に、JAHIS/JIRA「製造業者/サービス事業者による医療情報セキュリティ開示書」（MDS/SDS）を提出すること。',
    textEn: 'Provide the JAHIS/JIRA security disclosure of the manufacturer / service provider (MDS/SDS) with the bid.',
    rationaleJa: '厚生労働省のチェックリストで、事業者から MDS/SDS を提出してもらうことが求められています。',
    rationaleEn: "MHLW's checklist asks hospitals to obtain the MDS/SDS from their vendors.",
    mandatory: true,
    weight: 5,
    refs: [CL('2-③')],
  },
  {
    id: 'P-03',
    category: 'disclosure',
    textJa:
      '納入後も、機器やソフトウェアの更新により内容が変わった場合は、MDS2 および MDS/SDS を更新して提出すること。',
    textEn:
      'Keep the MDS2 and MDS/SDS current after delivery: provide an updated edition whenever an update changes their content.',
    rationaleJa: '更新で通信やアカウントが変わると、提出済みの開示書は実態と合わなくなります。',
    rationaleEn: 'An update that changes ports or accounts makes the disclosure on file wrong.',
    mandatory: false,
    weight: 3,
    refs: [CL('2-③')],
  },
  {
    id: 'P-04',
    category: 'ports',
    textJa:
      '使用する通信ポート・プロトコル（TCP/UDP 番号、暗号化の有無、通信の向き）と、データの流れ（接続先システム）の一覧を提出すること。',
    textEn:
      'Provide a list of the ports and protocols used (TCP/UDP number, encrypted or not, direction) and of the data flows (which systems it connects to).',
    rationaleJa: 'ネットワークの分離や接続元制限（ファイアウォール設定）を、必要な通信だけに絞るために必要です。',
    rationaleEn: 'Needed to segment the network and allow only the traffic the device needs (firewall rules).',
    mandatory: true,
    weight: 4,
    refs: [CL('2-⑬'), 'MDS2 CONN-1'],
  },
  {
    id: 'P-05',
    category: 'ports',
    textJa: '不要なサービスやポートは出荷時に停止し、停止できないものはその理由を示すこと。',
    textEn: 'Disable unneeded services and ports before delivery; for any that cannot be disabled, state why.',
    rationaleJa: '動いている不要なサービスは攻撃の入口になります。',
    rationaleEn: 'Every unneeded service that runs is a way in for an attacker.',
    mandatory: false,
    weight: 3,
    refs: [CL('2-⑫')],
  },
  {
    id: 'P-06',
    category: 'sbom',
    textJa: '納入時および更新時に、ソフトウェア部品表（SBOM: CycloneDX または SPDX 形式）を提出すること。',
    textEn: 'Provide a software bill of materials (SBOM, CycloneDX or SPDX) at delivery and with every update.',
    rationaleJa: '新しい脆弱性が公表されたとき、この機器が影響を受けるかを病院側ですぐに確認できます。',
    rationaleEn:
      'When a new vulnerability is published, the hospital can tell at once whether this device is affected.',
    mandatory: true,
    weight: 4,
    refs: ['MDS2 SBOM-1', IEC],
  },
  {
    id: 'P-07',
    category: 'support',
    textJa:
      'OS・ソフトウェアのセキュリティ更新について、検証を行ったうえで提供するまでの期間（公表から○日以内など）を明示すること。',
    textEn:
      'State the time within which security updates of the OS and software are validated and provided (e.g. within N days of publication).',
    rationaleJa: '「検証済みの更新がいつ届くか」が分からないと、脆弱性への対応計画が立てられません。',
    rationaleEn:
      'Without knowing when a validated update will come, the hospital cannot plan its response to a vulnerability.',
    mandatory: true,
    weight: 5,
    refs: [CL('2-⑥'), 'MDS2 CSUP-1', IEC],
  },
  {
    id: 'P-08',
    category: 'support',
    textJa: 'セキュリティ更新の適用方法（誰が、どの手順で、停止時間はどれだけか）を示すこと。',
    textEn:
      'State how security updates are applied (by whom, by which procedure, and how long the device is out of use).',
    rationaleJa: '診療を止めずに更新するための計画に必要です。',
    rationaleEn: 'Needed to plan updates without stopping care.',
    mandatory: false,
    weight: 3,
    refs: [CL('2-⑥'), 'MDS2 CSUP-1'],
  },
  {
    id: 'P-09',
    category: 'support',
    textJa:
      'セキュリティ更新を含むサポートの終了日は、本機器の耐用期間の終了日以降とし、終了の 1 年以上前に書面で通知すること。',
    textEn:
      "Support, including security updates, shall not end before the end of the device's service life (耐用期間); give written notice at least one year before it ends.",
    rationaleJa: '使い続ける期間の途中で更新が止まると、残りの期間ずっと脆弱なまま使うことになります。',
    rationaleEn: 'If updates stop while the device is still in service, it stays vulnerable for the rest of its life.',
    mandatory: true,
    weight: 5,
    refs: [IEC],
  },
  {
    id: 'P-10',
    category: 'authentication',
    textJa: 'ハードコードされたパスワードや、全製品共通の初期パスワードを使用しないこと。',
    textEn: 'No hard-coded passwords and no default password shared by every unit.',
    rationaleJa: '共通のパスワードは公開資料やインターネットで知られてしまい、誰でもログインできてしまいます。',
    rationaleEn: 'A shared password ends up in manuals and on the internet: anyone can then log in.',
    mandatory: true,
    weight: 5,
    refs: ['MDS2 AUTH-1', CL('2-⑦')],
  },
  {
    id: 'P-11',
    category: 'authentication',
    textJa: 'すべてのアカウントのパスワードを病院側で変更できること。',
    textEn: 'The hospital can change the password of every account.',
    rationaleJa: '職員の異動や漏えいのときにパスワードを変えられないと、防ぎようがありません。',
    rationaleEn: 'If a password cannot be changed when staff leave or it leaks, nothing protects the device.',
    mandatory: true,
    weight: 4,
    refs: [CL('2-⑦'), CL('2-⑧')],
  },
  {
    id: 'P-12',
    category: 'authentication',
    textJa: '利用者ごとのアカウントと役割（権限）の設定ができ、不要なアカウントを削除・無効化できること。',
    textEn: 'Individual accounts with roles (access rights) can be set up, and unneeded accounts removed or disabled.',
    rationaleJa: '誰が何をしたかを記録し、必要な人だけに必要な権限を与えるためです。',
    rationaleEn: 'So that actions can be traced to a person and each person has only the rights they need.',
    mandatory: false,
    weight: 3,
    refs: [CL('2-④'), CL('2-⑤'), 'MDS2 PAUT-1'],
  },
  {
    id: 'P-13',
    category: 'remote',
    textJa:
      'リモートメンテナンスは病院の依頼・許可があった場合にのみ、病院が管理する接続経路で行い、接続の記録（日時・作業者・作業内容）を残して病院に提出すること。',
    textEn:
      'Remote maintenance only when the hospital asks or allows it, over a route the hospital controls, with a record of each session (time, engineer, work done) given to the hospital.',
    rationaleJa:
      '保守回線は過去のランサムウェア被害で侵入経路になりました。いつ誰がつないだかを病院が把握する必要があります。',
    rationaleEn:
      'Maintenance lines were the way in for past ransomware attacks on hospitals; the hospital must know who connected and when.',
    mandatory: true,
    weight: 5,
    refs: [CL('2-②'), 'MDS2 RMOT-1', 'ガイドライン第6.0版 システム運用編 10.1'],
  },
  {
    id: 'P-14',
    category: 'malware',
    textJa:
      'マルウェア対策ソフトの導入可否（または許可リスト方式）と、導入時の動作保証についての製造業者の見解を示すこと。',
    textEn:
      "State whether anti-malware software (or application allow-listing) can be installed and the manufacturer's position on supporting it.",
    rationaleJa: '対策ソフトを入れられない機器は、ネットワーク分離など別の対策で守る必要があるためです。',
    rationaleEn: 'A device that cannot run anti-malware must be protected otherwise, e.g. by network separation.',
    mandatory: false,
    weight: 4,
    refs: ['MDS2 MLDP-1'],
  },
  {
    id: 'P-15',
    category: 'vulnerability',
    textJa:
      '脆弱性の報告を受け付ける窓口と、協調された脆弱性開示の方針（CVD）を持ち、公開した情報を JVN や CSAF 形式のアドバイザリで提供すること。',
    textEn:
      'Have a contact that receives vulnerability reports and a coordinated vulnerability disclosure (CVD) policy, and publish advisories (JVN, CSAF).',
    rationaleJa: '製造業者が脆弱性を知ったときに、病院へ確実に情報が届く仕組みが必要です。',
    rationaleEn: 'When the manufacturer learns of a vulnerability, the information must reach the hospital.',
    mandatory: true,
    weight: 4,
    refs: ['MDS2 DOC-8', IEC],
  },
  {
    id: 'P-16',
    category: 'vulnerability',
    textJa: '本機器に影響する脆弱性を知ったときは、影響と回避策を病院へ速やかに書面で通知すること。',
    textEn:
      'When you learn of a vulnerability affecting this device, notify the hospital promptly in writing with its impact and workarounds.',
    rationaleJa: '更新が出るまでの間も、病院側で回避策を取れるようにするためです。',
    rationaleEn: 'So the hospital can apply workarounds until an update is available.',
    mandatory: false,
    weight: 3,
    refs: [IEC],
  },
  {
    id: 'P-17',
    category: 'logging',
    textJa: 'ログイン・設定変更などの操作ログを記録し、病院が取り出せること。',
    textEn: 'Record an audit log of logins and configuration changes that the hospital can export.',
    rationaleJa: '不正アクセスを疑ったとき、何が起きたかを確かめる唯一の手がかりです。',
    rationaleEn: 'The only evidence of what happened when unauthorised access is suspected.',
    mandatory: false,
    weight: 3,
    refs: [CL('2-⑪'), 'MDS2 AUDT-1'],
  },
  {
    id: 'P-18',
    category: 'logging',
    textJa: '時刻を病院の NTP サーバに同期できること。',
    textEn: "The device's clock can be synchronised with the hospital's NTP server.",
    rationaleJa: '時刻がずれていると、ログや診療記録の時刻を他の機器と突き合わせられません。',
    rationaleEn: 'With a wrong clock, its logs and records cannot be matched with other systems.',
    mandatory: false,
    weight: 2,
    refs: [],
  },
  {
    id: 'P-19',
    category: 'data',
    textJa: '保存時および通信時の患者データを、可能な範囲で暗号化すること（できない場合はその範囲と理由を示すこと）。',
    textEn: 'Encrypt stored and transmitted patient data where possible (where not, state the extent and why).',
    rationaleJa: '盗難や盗聴のときに患者情報が読まれないようにするためです。',
    rationaleEn: 'So patient data cannot be read if the device is stolen or its traffic intercepted.',
    mandatory: false,
    weight: 3,
    refs: ['MDS2 STCF-1'],
  },
  {
    id: 'P-20',
    category: 'data',
    textJa: '廃棄・返却時に患者データを消去し、消去方法を記載した消去証明書を提出すること。',
    textEn: 'At end of use, erase patient data and provide an erasure certificate stating the method.',
    rationaleJa: '中古販売や廃棄の後に、患者情報が外部へ出ることを防ぎます。',
    rationaleEn: 'Keeps patient data from leaving the hospital when the device is resold or scrapped.',
    mandatory: true,
    weight: 4,
    refs: [],
  },
  {
    id: 'P-21',
    category: 'other',
    textJa: '厚生労働省「医療機関におけるサイバーセキュリティ対策チェックリスト」の事業者確認用に回答すること。',
    textEn: "Answer the vendor form (事業者確認用) of MHLW's cyber-security checklist for medical institutions.",
    rationaleJa: '病院が毎年の立入検査で確認されるチェックリストを、事業者側の回答で裏付けるためです。',
    rationaleEn: "Backs the hospital's own checklist, which inspectors review each year, with the vendor's answers.",
    mandatory: true,
    weight: 4,
    refs: [CL('事業者確認用')],
  },
  {
    id: 'P-22',
    category: 'other',
    textJa:
      '導入時の受入確認（設定・通信ポートの確認、初期パスワード変更の確認等）に協力し、指摘事項には書面で回答すること。',
    textEn:
      'Cooperate in the acceptance test at installation (settings, open ports, default passwords changed, …) and answer findings in writing.',
    rationaleJa: '導入時に見つかった問題が「仕様です」で終わらず、対応か理由の説明が残るようにするためです。',
    rationaleEn:
      'So a problem found at installation is fixed or explained in writing, not closed with "it\'s the spec".',
    mandatory: false,
    weight: 3,
    refs: [],
  },
  {
    id: 'P-23',
    category: 'other',
    textJa: 'バックアップと復旧手順（設定・データの復元方法）を提供すること。',
    textEn: 'Provide backup and recovery procedures (how to restore settings and data).',
    rationaleJa: 'サイバー攻撃や故障のとき、診療を早く再開するために必要です。',
    rationaleEn: 'Needed to resume care quickly after an attack or a failure.',
    mandatory: false,
    weight: 3,
    refs: [CL('3-②')],
  },
]

/** The template as a requirement set (a fresh copy every call). */
export function templateSet(): { name: string; version: string; items: RequirementItem[] } {
  return {
    name: TEMPLATE_NAME,
    version: TEMPLATE_VERSION,
    items: TEMPLATE_ITEMS.map((i) => ({ ...i, refs: [...i.refs] })),
  }
}
