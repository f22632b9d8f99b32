import type { ClinicalServiceInput, DependencyInput, ServiceCriticality } from '../../../api/bcp.js'

/**
 * A first proposal of the hospital's clinical services from the ledger (issue 11 part 5, ADR 0042): which devices
 * each service needs, found by category and department, with the segments they sit on. A person then sets the
 * maximum tolerable downtime (left empty on purpose: a warning asks for it), the owner and who decides.
 */
export interface SeedDevice {
  id: string
  category: string
  department: string | null
  segment: string | null
  name: string | null
  model: string | null
  status: string
}

export interface SeedService extends Required<Omit<ClinicalServiceInput, 'version' | 'dependencies'>> {
  dependencies: Required<DependencyInput>[]
  reasonJa: string
  reasonEn: string
}

interface Rule {
  key: string
  name: string
  nameEn: string
  description: string
  criticality: ServiceCriticality
  department: string | null
  fallbackJa: string
  fallbackEn: string
  match: (d: SeedDevice) => boolean
  /** Hard unless said otherwise: terminals and portable devices away from the service's own department are soft. */
  soft?: (d: SeedDevice) => boolean
}

const SERVERISH = new Set(['server', 'pacs', 'ris', 'his_emr', 'workstation', 'modality_workstation'])
const inDept = (d: SeedDevice, re: RegExp) => re.test(d.department ?? '')
const text = (d: SeedDevice) => `${d.name ?? ''} ${d.model ?? ''}`
const IMAGING = new Set([
  'ct',
  'mri',
  'xray',
  'ultrasound',
  'angiography',
  'mammography',
  'nuclear_medicine',
  'modality_workstation',
  'pacs',
  'ris',
])
const ICU = /ICU|CCU|HCU|NICU|集中治療|高度治療/i

const RULES: Rule[] = [
  {
    key: 'seed:icu-monitoring',
    name: 'ICU 生体情報モニタリング',
    nameEn: 'ICU patient monitoring',
    description: '集中治療室・高度治療室の生体情報モニタとセントラルモニタによる患者監視',
    criticality: 'life_critical',
    department: 'ICU',
    fallbackJa:
      '紙の記録用紙とベッドサイドでの直接観察に切り替える。看護師を各ベッドに配置し、ベッドサイドモニタのアラームを直接聞ける状態にする。',
    fallbackEn:
      'Switch to paper charts and direct observation at the bedside. Put a nurse at each bed so the bedside monitor alarms are heard directly.',
    match: (d) => ['patient_monitor', 'central_monitor', 'telemetry'].includes(d.category) && inDept(d, ICU),
  },
  {
    key: 'seed:infusion',
    name: '輸液療法',
    nameEn: 'Infusion therapy',
    description: '輸液ポンプ・シリンジポンプによる薬剤投与（薬剤ライブラリ・輸液管理サーバを含む）',
    criticality: 'life_critical',
    department: null,
    fallbackJa: 'ポンプはネットワークなしで単体で使い続ける。投与内容と流量は紙の投与記録に書き、ダブルチェックする。',
    fallbackEn:
      'Keep the pumps running standalone without the network. Write drug and rate on a paper infusion record and double-check.',
    match: (d) =>
      d.category === 'infusion_pump' ||
      d.category === 'syringe_pump' ||
      (d.category === 'server' && /輸液|infusion|pump/i.test(text(d))),
  },
  {
    key: 'seed:imaging',
    name: '画像診断',
    nameEn: 'Diagnostic imaging',
    description: 'CT・MRI・X 線・超音波などの撮影と PACS/RIS による画像の保存・読影',
    criticality: 'high',
    department: '放射線部',
    fallbackJa:
      '緊急の撮影だけを行い、画像は装置の画面で確認する。読影結果は電話と紙で伝える。画像は装置に保存し、復旧後に PACS へ送る。',
    fallbackEn:
      'Take urgent exams only and read the images on the device console. Report findings by phone and on paper. Images stay on the device and go to PACS after recovery.',
    match: (d) => IMAGING.has(d.category) || (d.category === 'server' && /PACS|RIS|画像/i.test(text(d))),
    // A portable ultrasound on a ward does not stop radiology when the ward network stops.
    soft: (d) => !SERVERISH.has(d.category) && !inDept(d, /放射線|radiology/i),
  },
  {
    key: 'seed:lab-results',
    name: '検体検査結果',
    nameEn: 'Laboratory results',
    description: '検体検査装置と検査システム（LIS）による結果の報告',
    criticality: 'high',
    department: '臨床検査部',
    fallbackJa: '分析装置の画面・印刷で結果を読み、紙の報告書を運搬係が病棟へ届ける。至急の値は電話で伝える。',
    fallbackEn:
      'Read results on the analyzer screen or printout; a runner takes paper reports to the wards. Critical values are phoned through.',
    match: (d) =>
      d.category === 'lab_analyzer' ||
      (SERVERISH.has(d.category) && inDept(d, /検査部|検査科|laboratory/i)) ||
      (d.category === 'server' && /LIS|検査システム/i.test(text(d))),
  },
  {
    key: 'seed:ehr',
    name: '電子カルテ',
    nameEn: 'Electronic health records',
    description: '電子カルテサーバと端末による診療記録・オーダ',
    criticality: 'high',
    department: '医療情報部',
    fallbackJa: '紙カルテと紙伝票（ダウンタイム用書式）に切り替える。直近の患者一覧は定期的に印刷したものを使う。',
    fallbackEn:
      'Switch to paper records and paper order forms (downtime forms). Use the regularly printed patient lists.',
    match: (d) => d.category === 'his_emr' || (d.category === 'server' && /電子カルテ|EMR|EHR|カルテ/i.test(text(d))),
    // The servers stop the service; one ward's terminals only degrade it.
    soft: (d) => d.category === 'his_emr' && !inDept(d, /医療情報|情報システム|IT/i),
  },
  {
    key: 'seed:dialysis',
    name: '透析',
    nameEn: 'Dialysis',
    description: '透析装置と透析管理システムによる血液浄化',
    criticality: 'life_critical',
    department: '透析室',
    fallbackJa: '透析装置は単体で運転を続ける。条件設定と記録は紙の透析記録で行う。',
    fallbackEn: 'The dialysis machines keep running standalone. Settings and records go on the paper dialysis chart.',
    match: (d) => d.category === 'dialysis' || (d.category === 'server' && inDept(d, /透析/)),
  },
  {
    key: 'seed:ventilation',
    name: '人工呼吸',
    nameEn: 'Mechanical ventilation',
    description: '人工呼吸器による呼吸管理',
    criticality: 'life_critical',
    department: null,
    fallbackJa:
      '人工呼吸器は単体で使い続ける（電源は切らない）。用手換気（バッグバルブマスク）をベッドサイドに用意する。',
    fallbackEn:
      'The ventilators keep running standalone (never power them off). Keep a bag-valve mask ready at each bedside.',
    match: (d) => d.category === 'ventilator',
  },
  {
    key: 'seed:surgery',
    name: '手術室',
    nameEn: 'Operating theatres',
    description: '麻酔器・手術室の生体情報モニタ・内視鏡などによる手術',
    criticality: 'life_critical',
    department: '手術部',
    fallbackJa: '実施中の手術は機器を単体で使って続ける。予定手術は延期を検討し、麻酔記録は紙で行う。',
    fallbackEn:
      'Running operations continue with the devices standalone. Consider postponing planned surgery; keep the anaesthesia record on paper.',
    match: (d) => d.category === 'anesthesia_machine' || (inDept(d, /手術|operating/i) && d.category !== 'his_emr'),
  },
]

/** The proposal: one service per rule that matches at least one device in use (decommissioned devices are left out). */
export function proposeServices(devices: readonly SeedDevice[]): SeedService[] {
  const live = devices.filter((d) => d.status !== 'decommissioned')
  const out: SeedService[] = []
  for (const r of RULES) {
    const hits = live.filter(r.match)
    if (hits.length === 0) continue
    const strength = (d: SeedDevice) => (r.soft?.(d) ? 'soft' : 'hard')
    const deps: Required<DependencyInput>[] = hits.map((d) => ({
      target: { kind: 'device', id: d.id },
      strength: strength(d),
      note: '',
    }))
    // A segment is hard when a hard dependency sits on it.
    const segs = new Map<string, 'hard' | 'soft'>()
    for (const d of hits) if (d.segment && segs.get(d.segment) !== 'hard') segs.set(d.segment, strength(d))
    const segments = [...segs.keys()].sort()
    for (const s of segments)
      deps.push({ target: { kind: 'segment', id: s }, strength: segs.get(s) as 'hard' | 'soft', note: '' })
    const byCat = new Map<string, number>()
    for (const d of hits) byCat.set(d.category, (byCat.get(d.category) ?? 0) + 1)
    const cats = [...byCat].sort((a, b) => b[1] - a[1])
    out.push({
      name: r.name,
      nameEn: r.nameEn,
      description: r.description,
      department: r.department,
      criticality: r.criticality,
      owner: null,
      decider: null,
      maxDowntimeMinutes: null,
      fallbackJa: r.fallbackJa,
      fallbackEn: r.fallbackEn,
      dependencies: deps,
      seedKey: r.key,
      reasonJa: `台帳の ${cats.map(([c, n]) => `${c} ${n} 台`).join('、')}（ネットワークセグメント ${segments.length} 件）から提案。許容停止時間は人が決めてください。`,
      reasonEn: `Proposed from the ledger's ${cats.map(([c, n]) => `${n} ${c}`).join(', ')} (${segments.length} network segments). A person sets the maximum tolerable downtime.`,
    })
  }
  return out
}
