import type { Actor } from '../core/actor.js'
import type { Services } from '../services/index.js'

/** A contact of the demo chain; `to` names (keys) of the contacts it notifies. */
interface DemoContact {
  key: string
  name: string
  role: string
  organisation: string
  kind: 'internal' | 'vendor' | 'authority' | 'police' | 'other'
  phone: string
  availability: string
  to: string[]
}

// Fictional people and numbers (0120-000-xxx, 03-0000-xxxx) of みなと総合病院.
const CONTACTS: DemoContact[] = [
  {
    key: 'it',
    name: '港 健一',
    role: '情報システム担当(第一報の受付)',
    organisation: '医療情報部',
    kind: 'internal',
    phone: '03-0000-1201',
    availability: '24時間(当番携帯)',
    to: ['cso', 'ce', 'ehr-vendor'],
  },
  {
    key: 'cso',
    name: '青山 里美',
    role: '医療情報システム安全管理責任者',
    organisation: '医療情報部',
    kind: 'internal',
    phone: '03-0000-1200',
    availability: '24時間',
    to: ['director', 'mhlw', 'police', 'pref'],
  },
  {
    key: 'director',
    name: '海野 誠',
    role: '院長(対策本部長)',
    organisation: 'みなと総合病院',
    kind: 'internal',
    phone: '03-0000-1000',
    availability: '24時間',
    to: ['heads', 'cso'],
  },
  {
    key: 'ce',
    name: '浜田 由紀',
    role: '臨床工学技士長(医療機器の確認・切り離し)',
    organisation: '臨床工学部',
    kind: 'internal',
    phone: '03-0000-1301',
    availability: '24時間(当直)',
    to: ['monitor-vendor', 'modality-vendor', 'heads'],
  },
  {
    key: 'heads',
    name: '各部門責任者(ICU・放射線・検査・病棟)',
    role: '紙運用への切替',
    organisation: '',
    kind: 'internal',
    phone: '03-0000-1100',
    availability: '内線一覧参照',
    to: [],
  },
  {
    key: 'ehr-vendor',
    name: '電子カルテ保守窓口',
    role: '電子カルテ・サーバの調査と復旧支援',
    organisation: 'みらいメディカルシステムズ(架空)',
    kind: 'vendor',
    phone: '0120-000-101',
    availability: '24時間365日',
    to: [],
  },
  {
    key: 'monitor-vendor',
    name: '生体情報モニタ サービスセンター',
    role: 'セントラルモニタ・ベッドサイドモニタ',
    organisation: 'あおばME(架空)',
    kind: 'vendor',
    phone: '0120-000-202',
    availability: '24時間365日',
    to: [],
  },
  {
    key: 'modality-vendor',
    name: 'CT・PACS 保守窓口',
    role: '画像診断機器とPACS',
    organisation: 'ひかり画像システム(架空)',
    kind: 'vendor',
    phone: '0120-000-303',
    availability: '平日 9–18時(緊急時は24時間)',
    to: [],
  },
  {
    key: 'mhlw',
    name: '厚生労働省 医政局',
    role: 'サイバーセキュリティ担当への報告',
    organisation: '厚生労働省',
    kind: 'authority',
    phone: '03-0000-5253',
    availability: '平日 9–18時',
    to: [],
  },
  {
    key: 'police',
    name: '所轄警察署 サイバー犯罪相談窓口',
    role: '被害の届出・相談',
    organisation: '警視庁 みなと警察署(架空)',
    kind: 'police',
    phone: '03-0000-0110',
    availability: '24時間',
    to: [],
  },
  {
    key: 'pref',
    name: '東京都 医療政策部',
    role: '都道府県への報告',
    organisation: '東京都',
    kind: 'authority',
    phone: '03-0000-2200',
    availability: '平日 9–17時',
    to: [],
  },
]

/**
 * The demo hospital's playbook (the default tasks, all but one with an owner), its contact chain with vendors, MHLW
 * and the police, and one tabletop exercise (issue 11; ADR 0043), through the module's own service so every row is
 * what a person could have entered. `reset` first removes what the module holds. Returns a line for the summary.
 */
export async function seedDemoBcpPlans(s: Services, actor: Actor, opts: { reset: boolean }): Promise<string | null> {
  const p = s.bcpPlans
  if (opts.reset) await p.clear(actor)
  else if ((await p.exercises()).items.length > 0) return null
  // Contacts first, by hand: a chain written before the first read keeps the template out.
  const ids = new Map<string, string>()
  for (const [i, c] of CONTACTS.entries()) {
    const made = await p.createContact(
      {
        name: c.name,
        role: c.role,
        organisation: c.organisation,
        kind: c.kind,
        phone: c.phone,
        availability: c.availability,
        notifies: [],
        order: (i + 1) * 10,
      },
      actor,
    )
    ids.set(c.key, made.id)
  }
  for (const c of CONTACTS.filter((x) => x.to.length > 0)) {
    const id = ids.get(c.key)!
    await p.updateContact(
      id,
      {
        name: c.name,
        role: c.role,
        organisation: c.organisation,
        kind: c.kind,
        phone: c.phone,
        availability: c.availability,
        notifies: c.to.map((k) => ids.get(k)!),
        order: (CONTACTS.indexOf(c) + 1) * 10,
      },
      actor,
    )
  }
  // The default playbook, with one task left without an owner (the warning shows on the page).
  const pb = await p.playbook()
  const open = pb.phases.find((x) => x.phase === 'post_incident')?.tasks.find((t) => t.titleJa.includes('患者・職員'))
  if (open) await p.updateTask(open.id, { ...open, owner: null }, actor)
  const services = await s.bcp.services().catch(() => ({ items: [] }))
  const ehr = services.items.filter((x) => /電子カルテ|electronic/i.test(`${x.name} ${x.nameEn}`)).map((x) => x.id)
  const today = s.bcpPlans.today()
  const heldOn = new Date(Date.parse(`${today}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10)
  await p.createExercise(
    {
      heldOn,
      scenario: '電子カルテサーバのランサムウェア感染を想定した机上訓練(夜間 22 時に発覚)',
      kind: 'tabletop',
      participants:
        '院長、医療情報システム安全管理責任者、情報システム担当、臨床工学技士長、ICU・放射線・検査・病棟の各部門責任者、電子カルテ保守事業者',
      serviceIds: ehr,
      lessons:
        '夜間は第一報が当直医に届き、情報システム担当への連絡まで 40 分かかった。紙のオーダー用紙が病棟に 1 日分しかなかった。保守事業者の夜間窓口の番号が古かった。',
      followUps:
        '連絡体制図を当直室に掲示する(担当: 医療情報部、期限: 翌月末)。紙運用の帳票を 3 日分に増やす(各部門責任者)。保守事業者の 24 時間窓口を年 2 回確認する(情報システム担当)。',
    },
    actor,
  )
  const chain = await p.contacts()
  return `BCP: playbook ${pb.phases.reduce((n, x) => n + x.tasks.length, 0)} tasks, ${chain.items.length} contacts, 1 exercise`
}
