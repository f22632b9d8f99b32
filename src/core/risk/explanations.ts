import type { RiskFactor } from '../../../api/risk.js'

export interface Text {
  ja: string
  en: string
}

const t = (ja: string, en: string): Text => ({ ja, en })

/**
 * Why each factor matters, per case the factor's reader (./score.ts FACTOR_READERS) reports: plain words for a
 * clinical engineer (臨床工学技士), Japanese first. Stored scores keep only the case, so a better wording here
 * shows on every device without re-scoring.
 */
export const EXPLANATIONS: Record<RiskFactor, Record<string, Text>> = {
  patientProximity: {
    unknown: t(
      '台帳に患者との近さ(近接度 0〜4)が記入されていないため、中間の値で数えています。記入すると正確になります。',
      'The ledger does not say how close the device is to the patient (proximity 0–4), so a middle value is counted. Fill it in for an accurate score.',
    ),
    level0: t(
      '体内に植え込まれた機器です。乗っ取られたり止まったりすると、患者の体に直接影響します。',
      'The device is implanted: if it is taken over or stops, the patient’s body is affected directly.',
    ),
    level1: t(
      '患者に接続・接触して使う機器です。誤作動や停止はすぐに患者に影響します。',
      'The device is connected to or touches the patient: a malfunction or stop affects the patient at once.',
    ),
    level2: t(
      '患者に触れずにバイタルなどを測る機器です。測定値の誤りや欠落は治療の判断を誤らせます。',
      'The device measures vitals or fluids without contact: wrong or missing values mislead treatment decisions.',
    ),
    level3: t(
      '患者に触れず、診断に使う機器です。データの誤りは診断の誤りや遅れにつながります。',
      'The device is used for diagnosis without contact: wrong data can delay or mislead a diagnosis.',
    ),
    level4: t(
      '診療に直接使わない機器です。患者への直接の影響は小さいと見ます。',
      'The device is not used on patients; direct harm to a patient is unlikely.',
    ),
  },
  lifeCritical: {
    yes: t(
      '生命維持や生命に関わる機器です。止まったり誤作動したりすると、患者の命に関わります。',
      'The device sustains or protects life: if it stops or misbehaves, a patient’s life is at stake.',
    ),
    no: t('生命維持の機器としては登録されていません。', 'The device is not registered as life-critical.'),
  },
  clinicalFunction: {
    therapy: t(
      '治療を行う機器です(MITRE の評価基準の「治療の提供」)。設定や動作を変えられると、患者に誤った治療が行われます。',
      'The device delivers therapy (MITRE rubric: therapy delivery): if its settings or behaviour are changed, the patient receives the wrong treatment.',
    ),
    monitoring: t(
      '患者を監視する機器です(MITRE の評価基準の「監視」)。アラームや値が失われると、急変に気づけません。',
      'The device monitors patients (MITRE rubric: monitoring): lost alarms or values mean a deterioration is missed.',
    ),
    diagnosis: t(
      '診断に使う機器です(MITRE の評価基準の「診断」)。画像や検査値が改ざんされると、診断を誤ります。',
      'The device is used for diagnosis (MITRE rubric: diagnosis): altered images or results lead to a wrong diagnosis.',
    ),
    workflow: t(
      '診療業務を支えるシステムです(MITRE の評価基準の「診療ワークフロー」)。止まると診療が遅れ、患者情報が漏れるおそれもあります。',
      'The system supports clinical work (MITRE rubric: clinical workflow): an outage delays care and patient data may leak.',
    ),
    it: t(
      '一般の IT 機器です。患者への直接の影響は小さいと見ます。',
      'A general IT device; direct harm to a patient is unlikely.',
    ),
  },
  irreversibleHarm: {
    therapyLifeCritical: t(
      '生命に関わる治療機器の誤作動は、後から取り返しがつかない害になりえます。',
      'A malfunction of a life-critical therapy device can cause harm that cannot be undone.',
    ),
    therapy: t(
      '治療機器の誤作動は、気づくのが遅れると元に戻せない害になりえます。',
      'A therapy device malfunction can cause lasting harm if it is noticed late.',
    ),
    monitoringLifeCritical: t(
      '生命に関わる監視が途切れると、急変を見逃して取り返しがつかなくなるおそれがあります。',
      'If life-critical monitoring stops, a deterioration may be missed until it is too late.',
    ),
    reversible: t(
      'この機器による害は、多くの場合取り戻せる範囲と見ます。',
      'Harm from this device is usually reversible.',
    ),
  },
  reachableServices: {
    unseen: t(
      'スキャンでまだ観測されていないため、開いているポートは数えていません。',
      'No scan has seen the device yet, so no open ports are counted.',
    ),
    none: t('最新のスキャンで開いているポートはありませんでした。', 'The latest scan found no open ports.'),
    open: t(
      'ネットワークから接続できるサービス(開いているポート)が多いほど、攻撃の入口が増えます。使わないものは止めるか遮断してください。',
      'Every service reachable from the network (open port) is a way in. Stop or block the ones not needed.',
    ),
  },
  cleartextServices: {
    none: t('暗号化されていない管理用サービスは見つかっていません。', 'No cleartext management service was found.'),
    found: t(
      'Telnet・FTP・SMBv1・暗号化されていない管理画面などは、パスワードや操作がそのまま盗み見られ、ランサムウェアの侵入にも使われます。',
      'Telnet, FTP, SMBv1, unencrypted admin pages and the like expose passwords and commands to anyone listening, and are used by ransomware to get in.',
    ),
  },
  flatNetwork: {
    offline: t('ネットワークに接続している記録がありません。', 'No network connection is recorded.'),
    noSegment: t(
      'どのネットワーク区画にあるか台帳に記入がなく、院内の他の端末から自由に届く(フラットな)ネットワークにあると見なします。',
      'The ledger does not say which segment the device is in, so it is treated as reachable from any computer in the hospital (flat network).',
    ),
    isolated: t('隔離された区画にあります。', 'The device is in an isolated segment.'),
    notIsolated: t(
      'この区画は隔離区画として登録されていないため、院内の他の端末から届くと見なします。感染した PC から直接攻撃されえます。',
      'This segment is not registered as isolated, so other computers in the hospital can reach the device — an infected PC could attack it directly.',
    ),
  },
  internetTraffic: {
    unobserved: t(
      '通信の観測(パッシブキャプチャ)がまだないため、インターネットとの通信は数えていません。',
      'Passive capture has not observed the device yet, so internet traffic is not counted.',
    ),
    seen: t(
      'インターネットと直接通信しています。外部から狙われる、または情報が外に出る経路になります。',
      'The device talks to the internet directly: a path for attackers in and for data out.',
    ),
    none: t('インターネットとの通信は観測されていません。', 'No internet traffic was observed.'),
  },
  remoteMaintenance: {
    none: t('リモート保守の回線は記録されていません。', 'No remote maintenance line is recorded.'),
    present: t(
      '外部の事業者とつながるリモート保守回線(VPN 装置など)は、国内の病院のランサムウェア被害で侵入口になりました。',
      'Remote maintenance lines to outside vendors (VPN appliances) were the way in for ransomware at Japanese hospitals.',
    ),
  },
  wireless: {
    none: t('無線での接続は記録されていません。', 'No wireless connection is recorded.'),
    present: t(
      '無線(Wi-Fi・Bluetooth・携帯回線)は壁の外からも届くため、接続できる範囲が広がります。',
      'Wireless (Wi-Fi, Bluetooth, cellular) reaches beyond the walls, so more people can try to connect.',
    ),
  },
  openFindings: {
    none: t('対応が済んでいない指摘はありません。', 'There are no open findings.'),
    open: t(
      'スキャン・開示資料・脆弱性情報などで見つかり、まだ対応も受け入れもされていない指摘です。重いものほど多く数えます。',
      'Findings from scans, disclosures, vulnerability matching and others not yet fixed or accepted; serious ones count more.',
    ),
  },
  knownExploited: {
    none: t(
      '実際に悪用された脆弱性(CISA KEV)には該当していません。',
      'No known exploited vulnerability (CISA KEV) applies.',
    ),
    kev: t(
      '実際に攻撃に使われたことが確認された脆弱性(CISA KEV)に該当します。最優先で対処してください。',
      'A vulnerability confirmed as exploited in real attacks (CISA KEV) applies. Deal with it first.',
    ),
  },
  epss: {
    none: t(
      '該当する脆弱性に EPSS(悪用される見込み)の値はありません。',
      'No EPSS (likelihood of exploitation) for the affected vulnerabilities.',
    ),
    likely: t(
      'EPSS は今後 30 日以内に悪用される見込みです。この値が高い脆弱性ほど急ぎます。',
      'EPSS estimates how likely exploitation is within 30 days; the higher, the more urgent.',
    ),
    unlikely: t(
      'EPSS は低く、近いうちに悪用される見込みは小さいと見ます。',
      'EPSS is low: exploitation soon is unlikely.',
    ),
  },
  cvss: {
    none: t('該当する脆弱性はありません。', 'No affected vulnerability.'),
    base: t(
      '該当する脆弱性の深刻度(CVSS 基本値)のうち最も高いものです。',
      'The highest severity (CVSS base score) among the affected vulnerabilities.',
    ),
    adjusted: t(
      'MITRE の医療機器向け評価基準に沿って、この機器の用途(治療・監視・診断)や患者情報の有無から影響の大きさを引き上げて計算し直した CVSS です。',
      'CVSS recomputed with the MITRE rubric for medical devices: the impact is raised for what this device does (therapy, monitoring, diagnosis) and whether it holds patient data.',
    ),
  },
  publicExploit: {
    unknown: t('攻撃コードが公開されているかどうかの情報はありません。', 'No information on public exploits.'),
    none: t('公開された攻撃コードは知られていません。', 'No public exploit is known.'),
    ransomware: t(
      'ランサムウェア攻撃で使われた脆弱性です。病院全体の診療停止につながった例があります。',
      'The vulnerability has been used by ransomware, which has stopped entire hospitals.',
    ),
    exploit: t(
      '攻撃コードが公開されており、誰でも攻撃を試せます。',
      'A public exploit exists: anyone can try the attack.',
    ),
  },
  osEndOfSupport: {
    unknown: t('OS が台帳に記入されていません。', 'The OS is not filled in.'),
    legacy: t(
      'OS のサポートが終わっており、新しい弱点が見つかっても修正されません。',
      'The OS is out of support: new weaknesses will not be fixed.',
    ),
    supported: t('OS はサポート期間内と見ます。', 'The OS is taken as supported.'),
  },
  manufacturerSupportEnded: {
    unknown: t(
      '製造業者の保守終了日が台帳に記入されていません。',
      'The manufacturer support end date is not filled in.',
    ),
    ended: t(
      '製造業者の保守が終わっており、修正や部品の提供を受けられません。',
      'Manufacturer support has ended: no more fixes or parts.',
    ),
    supported: t('製造業者の保守期間内です。', 'Within manufacturer support.'),
  },
  serviceLifePassed: {
    unknown: t('耐用期限が台帳に記入されていません。', 'The service life end is not filled in.'),
    passed: t(
      '耐用期限を過ぎており、更新計画の対象です。古い機器ほど弱点が残りがちです。',
      'The device is past its service life and due for replacement; old devices tend to keep their weaknesses.',
    ),
    within: t('耐用期限内です。', 'Within its service life.'),
  },
  notPatchable: {
    noDisclosure: t(
      '機種の開示資料(MDS2 など)がないため、パッチの可否はわかりません。',
      'No disclosure (MDS2 …) for the model, so patchability is unknown.',
    ),
    unanswered: t(
      '開示資料にパッチ適用についての回答がありません。',
      'The disclosure does not answer how patches are applied.',
    ),
    manufacturerOnly: t(
      '製造業者の開示資料によると、病院ではセキュリティパッチを適用できません。修正が出ても適用まで弱点が残ります。',
      'The manufacturer’s disclosure says the hospital cannot apply security patches: weaknesses remain until the vendor applies them.',
    ),
    patchable: t(
      '開示資料によると、病院でパッチを適用できます。',
      'The disclosure says the hospital can apply patches.',
    ),
  },
  isolatedSegment: {
    isolated: t(
      '接続元を制限した隔離区画にあるため、院内の他の端末から直接攻撃されにくくなります(減点)。',
      'The device sits in an isolated segment with restricted connection sources, so other computers cannot easily reach it (points taken away).',
    ),
    no: t('隔離区画にはありません。', 'Not in an isolated segment.'),
  },
  allowListedRemoteMaintenance: {
    noRemote: t(
      'リモート保守がないため、この対策は関係ありません。',
      'No remote maintenance, so this control does not apply.',
    ),
    tag: t(
      'リモート保守の接続元と時間が限定され記録されていると台帳のタグで示されています(減点)。',
      'A ledger tag records that remote maintenance is limited to agreed sources and times, with records (points taken away).',
    ),
    hospitalStarts: t(
      '開示資料によると、リモート保守は病院側が接続を開始するときだけ使えます(一部減点)。',
      'The disclosure says remote sessions start only when the hospital starts them (some points taken away).',
    ),
    open: t(
      'リモート保守の接続元の限定が記録されていません。限定したらタグ「remote-allowlisted」を付けてください。',
      'No allow-list for remote maintenance is recorded. Once limited, tag the device "remote-allowlisted".',
    ),
  },
  declaredControls: {
    noDisclosure: t(
      '開示資料がないため、機器の備える対策はわかりません。',
      'No disclosure, so the device’s own controls are unknown.',
    ),
    none: t(
      '開示資料では、マルウェア対策・監査ログ・ログイン認証のいずれも宣言されていません。',
      'The disclosure declares no malware protection, audit log or authentication.',
    ),
    declared: t(
      '製造業者の開示資料で機器自身の対策(マルウェア対策・監査ログ・ログイン認証)が宣言されています(少し減点)。',
      'The manufacturer’s disclosure declares the device’s own controls (malware protection, audit log, authentication) (a few points taken away).',
    ),
  },
  unidentified: {
    confirmed: t('機種がカタログで確認されています。', 'The model is confirmed in the catalog.'),
    likely: t(
      '機種の候補はありますが、まだ人が確認していません。確認すると脆弱性の照合が確かになります。',
      'A model is suggested but nobody has confirmed it. Confirming makes vulnerability matching reliable.',
    ),
    weak: t(
      '機種の特定が不確かなため、該当する脆弱性を見落としているおそれがあります。',
      'The model is uncertain, so vulnerabilities that apply may be missed.',
    ),
    none: t(
      '機種が特定されていないため、該当する脆弱性や開示資料を照合できません。',
      'The model is not identified, so vulnerabilities and disclosures cannot be matched.',
    ),
  },
  notSeenRecently: {
    never: t(
      '台帳にアドレスがあるのにスキャンで一度も観測されていません。台帳が古いか、見えないところにある可能性があります。',
      'The ledger has addresses but no scan has seen the device: the ledger may be outdated or the device hidden.',
    ),
    noAddress: t(
      'アドレスが記入されておらず、観測もされていません。',
      'No address is recorded and the device was never seen.',
    ),
    stale: t(
      'しばらくスキャンで観測されていません。今の状態がわからず、見えていない弱点があるかもしれません。',
      'No scan has seen the device for a while: its current state is unknown and weaknesses may be unseen.',
    ),
    recent: t('最近のスキャンで観測されています。', 'Seen by a recent scan.'),
  },
}
