import type { BidAnswerValue } from '../../api/procurement.js'
import type { Actor } from '../core/actor.js'
import type { Services } from '../services/index.js'
import { MODELS, VENDORS } from './catalog.js'

export const DEMO_TENDER = '2027年度 ICU 生体情報モニタ更新'

type A = BidAnswerValue
/** Answers per requirement id (P-01…P-23); missing ids stay unanswered. Notes are the vendors' own words. */
interface DemoBid {
  vendor: string
  manufacturer: string
  model: string
  /** Vendor and model name of the demo catalog, when the model is there. */
  catalog: { vendor: string; model: string } | null
  receivedOn: string
  answers: Record<string, [A, string]>
  notes: string
}

const ALL_YES = (note: string): Record<string, [A, string]> =>
  Object.fromEntries(
    Array.from({ length: 23 }, (_, i) => [`P-${String(i + 1).padStart(2, '0')}`, ['yes', note] as [A, string]]),
  )

// Fictional dealers (販売店) of the demo's fictional makers (src/demo/catalog.ts).
const BIDS: DemoBid[] = [
  {
    vendor: 'みなとメディカルサプライ株式会社',
    manufacturer: VENDORS.toho.name,
    model: MODELS.monitorNew.model,
    catalog: { vendor: VENDORS.toho.name, model: MODELS.monitorNew.model },
    receivedOn: '2026-11-20',
    answers: {
      ...ALL_YES('仕様書どおり対応します。'),
      'P-06': ['yes', 'SBOM は CycloneDX 1.5 で納入時および各アップデート時に提供します。'],
      'P-09': ['yes', 'サポート終了予定 2035-03-31（耐用期間 8 年を含む）。終了 18 か月前に書面通知。'],
      'P-14': ['partial', '許可リスト方式（アプリケーション制御）に対応。ウイルス対策ソフトの常駐は動作保証外です。'],
      'P-19': ['partial', '通信は TLS 1.2。本体内の一時保存データは暗号化していません。'],
      'P-18': ['yes', '病院 NTP サーバに同期可能。'],
    },
    notes: '保守: フルメンテナンス契約（年2回定期点検）を併せて提案。',
  },
  {
    vendor: '湾岸医療機器販売株式会社',
    manufacturer: VENDORS.sakura.name,
    model: MODELS.monitorSakura.model,
    catalog: { vendor: VENDORS.sakura.name, model: MODELS.monitorSakura.model },
    receivedOn: '2026-11-22',
    answers: {
      'P-01': ['yes', 'MDS2 (HN 1-2019) 添付。'],
      'P-02': ['yes', 'MDS/SDS 添付。'],
      'P-03': ['partial', 'メジャーアップデート時のみ改訂します。'],
      'P-04': ['yes', '別紙「通信ポート一覧」参照。'],
      'P-05': ['partial', 'SNMP (161/udp) は保守で使用するため停止不可。'],
      'P-06': ['no', 'SBOM は現在提供していません（2028年予定）。'],
      'P-07': ['partial', '検証期間は案件ごとに個別回答。'],
      'P-08': ['yes', 'サービス員が訪問して適用（1 台 30 分）。'],
      'P-09': ['partial', 'サポート終了予定 2030-12-31（耐用期間の途中で終了する可能性あり）。'],
      'P-10': ['yes', '出荷時に機器ごとの初期パスワードを設定。'],
      'P-11': ['yes', ''],
      'P-12': ['partial', '管理者と一般の 2 種類の役割のみ。'],
      'P-13': ['yes', 'VPN は病院のリモート接続基盤を利用。接続記録を月次で提出。'],
      'P-14': ['no', 'ウイルス対策ソフトは導入不可。'],
      'P-15': ['yes', 'PSIRT 窓口あり。JVN 経由で公表実績あり。'],
      'P-16': ['yes', ''],
      'P-17': ['yes', ''],
      'P-18': ['yes', ''],
      'P-19': ['partial', 'HL7 通信は平文。'],
      'P-20': ['yes', '消去証明書を発行。'],
      'P-21': ['yes', ''],
      'P-22': ['yes', ''],
      'P-23': ['yes', ''],
    },
    notes: '',
  },
  {
    vendor: '東京ヘルスケアトレーディング株式会社',
    manufacturer: VENDORS.toho.name,
    model: MODELS.monitorOld.model,
    catalog: { vendor: VENDORS.toho.name, model: MODELS.monitorOld.model },
    receivedOn: '2026-11-25',
    answers: {
      'P-01': ['no', 'MDS2 は作成していません。'],
      'P-02': ['yes', 'MDS/SDS 添付。'],
      'P-04': ['partial', '主要ポートのみ記載。'],
      'P-06': ['no', ''],
      'P-07': ['unknown', '製造元に確認中。'],
      'P-09': ['no', '本機種のサポートは 2023-03-31 で終了しています（在庫品の提案）。'],
      'P-10': ['no', '保守用アカウントのパスワードは全機共通で変更不可。'],
      'P-11': ['partial', '利用者アカウントのみ変更可。'],
      'P-13': ['partial', '常時接続の保守回線を使用（記録は依頼により提出）。'],
      'P-15': ['unknown', ''],
      'P-20': ['yes', ''],
      'P-21': ['yes', ''],
    },
    notes: '価格は最安。旧機種の在庫品（同等品）としての提案。',
  },
]

/** The demo catalog's model of this maker and name, when the catalog has it (the demo ledger does not create one). */
async function catalogModel(
  s: Services,
  models: Awaited<ReturnType<Services['catalog']['list']>>,
  c: { vendor: string; model: string },
): Promise<{ id: string } | undefined> {
  const exact = models.find((x) => x.vendor === c.vendor && x.name === c.model)
  if (exact) return exact
  try {
    return await s.catalog.find(`${c.vendor} ${c.model}`)
  } catch {
    return undefined // not in the catalog (or ambiguous): the bid stays unlinked
  }
}

/**
 * The demo hospital's tender for ICU monitors (issue 11) with three bids from fictional dealers whose answers differ
 * (the third has mandatory gaps), linked to the demo catalog's models where they exist; through the module's own
 * services so every row is what a person could have entered. The requirement set stays Mamori's template. `reset`
 * first removes what the module holds. Returns a line for the CLI's summary.
 */
export async function seedDemoProcurement(s: Services, actor: Actor, opts: { reset: boolean }): Promise<string | null> {
  if (opts.reset) await s.procurement.clear(actor)
  else if ((await s.procurement.bids()).items.length > 0) return null
  const models = await s.catalog.list()
  const ids: string[] = []
  for (const d of BIDS) {
    const m = d.catalog ? await catalogModel(s, models, d.catalog) : undefined
    const b = await s.procurement.createBid(actor, {
      tender: DEMO_TENDER,
      vendor: d.vendor,
      manufacturer: d.manufacturer,
      model: d.model,
      modelId: m?.id ?? null,
      receivedOn: d.receivedOn,
      notes: d.notes,
      answers: Object.entries(d.answers).map(([itemId, [answer, note]]) => ({ itemId, answer, note })),
    })
    ids.push(b.id)
  }
  return `procurement: 1 tender, ${ids.length} bids (「${DEMO_TENDER}」)`
}
