import type { ClinicalService, DevicePlan } from '../api/bcp.js'
import { BcpPlansService } from '../src/services/bcp-plans/index.js'
import { AuditRepository, SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { bcpPlansStoragePorts } from '../src/storage/bcp-plans-repository.js'
import { migrate, openStorage } from '../src/storage/database.js'
import { fakeContinuity, fakePlan, fakeService } from '../test/bcp-plans/fake-continuity.js'
import { type BenchContext, type BenchReport, metric, peakRssMiB } from './lib.js'

export const title = 'Continuity: 1,000 downtime cards as one PDF (issue 11)'

const DEVICES = Number(process.env.MAMORI_BENCH_CARD_DEVICES ?? 1_000)
const SERVICES = 20
const TARGET_MS = 30_000
const RUNS = 3

/** Synthetic services and device plans: half the devices with a saved plan (steps, checks), half the default. */
function plans(): { services: ClinicalService[]; devices: DevicePlan[] } {
  const services = Array.from({ length: SERVICES }, (_, i) =>
    fakeService({
      id: `svc-${i}`,
      name: `臨床サービス ${i + 1}(病棟 ${(i % 8) + 1})`,
      owner: '各部門責任者',
      decider: '当直医長',
      maxDowntimeMinutes: 60 * ((i % 6) + 1),
      fallbackJa:
        '紙のオーダー用紙と記録用紙に切り替え、検査結果は電話で伝える。ベッドサイドで目視の観察を 15 分ごとに行う。',
      dependencies: Array.from({ length: 15 }, (_, j) => ({
        target: { kind: 'device' as const, id: `dev-${(i * 50 + j) % DEVICES}` },
        strength: j % 3 === 0 ? ('soft' as const) : ('hard' as const),
        note: '',
        label: `MON-${String((i * 50 + j) % DEVICES).padStart(4, '0')} ベッドサイドモニタ`,
        broken: false,
      })),
    }),
  )
  const devices = Array.from({ length: DEVICES }, (_, i) =>
    fakePlan({
      deviceId: `dev-${i}`,
      saved: i % 2 === 0,
      isolationJa: i % 2 === 0 ? 'LAN ケーブルを抜く。電源は切らない。モニタは単体で動き続ける。' : '',
      recoveryStepsJa:
        i % 2 === 0
          ? [
              'セントラルモニタに再接続する',
              '時刻がずれていないか確かめる',
              '設定をバックアップから戻す',
              'アラーム設定を病棟の標準と照合する',
              'メーカーに復旧を連絡する',
            ]
          : [],
      validationJa: i % 2 === 0 ? ['アラームが鳴る', '波形がセントラルに届く', '時刻が正しい'] : [],
      manufacturerContact24h: '0120-000-202',
      backupNote: i % 2 === 0 ? '設定は臨床工学部の共有フォルダ(オフライン媒体にも保管)' : '',
      device: {
        assetTag: `MON-${String(i).padStart(4, '0')}`,
        name: 'ベッドサイドモニタ',
        model: 'BSM-1000',
        department: `病棟 ${(i % 8) + 1}`,
        location: `${(i % 8) + 1}F ベッド ${(i % 40) + 1}`,
        lifeCritical: true,
      },
      services: [
        { id: `svc-${i % SERVICES}`, name: `臨床サービス ${(i % SERVICES) + 1}` },
        { id: `svc-${(i + 1) % SERVICES}`, name: `臨床サービス ${((i + 1) % SERVICES) + 1}` },
      ],
      updatedAt: i % 2 === 0 ? '2026-11-20T00:00:00.000Z' : null,
      updatedBy: i % 2 === 0 ? 'hamada' : null,
    }),
  )
  return { services, devices }
}

/**
 * DEVICES device cards (and SERVICES service cards, and the summary page) as one PDF through the real service:
 * contacts from a SQLite file database (the default template), services and device plans from a ContinuityReader
 * over generated data (the bcp module's reader is measured by its own benchmark), composition and pdfkit with the
 * embedded font subset. Cold first, then the median of RUNS.
 */
export async function run(ctx: BenchContext): Promise<BenchReport> {
  const storage = openStorage({ dataDir: ctx.tmpDir })
  try {
    await migrate(storage.db)
    const { services, devices } = plans()
    const svc = new BcpPlansService(
      bcpPlansStoragePorts(storage.db).bcpPlansStore,
      { hospitalName: async () => 'ベンチ病院' },
      { clock: { now: () => new Date() }, audit: new AuditRepository(storage.db) },
      fakeContinuity(services, devices),
    )
    const onlyDevices = devices.map((d) => d.deviceId).join(',')
    ctx.log(`downtime-cards: ${DEVICES} device cards (cold)`)
    const t0 = performance.now()
    const cold = await svc.cards({ lang: 'ja', devices: onlyDevices }, SYSTEM_ACTOR)
    const coldMs = performance.now() - t0
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now()
      await svc.cards({ lang: 'ja', devices: onlyDevices }, SYSTEM_ACTOR)
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const t1 = performance.now()
    const all = await svc.cards({ lang: 'ja' }, SYSTEM_ACTOR)
    const allMs = performance.now() - t1
    return {
      metrics: [
        metric(`${DEVICES} device cards as one PDF (cold)`, coldMs, 'ms', { max: TARGET_MS }),
        metric(`${DEVICES} device cards as one PDF (median of ${RUNS})`, times[Math.floor(RUNS / 2)] ?? 0, 'ms', {
          max: TARGET_MS,
        }),
        metric(`default selection: ${SERVICES} service + ${DEVICES} device cards`, allMs, 'ms'),
        metric('PDF size (device cards)', cold.body.length / 1024, 'KiB'),
        metric('PDF size (default selection)', all.body.length / 1024, 'KiB'),
        metric('peak RSS', peakRssMiB(), 'MiB'),
      ],
      notes: [
        `Half the ${DEVICES} devices have a saved plan (5 steps, 3 checks), half print the default under the "no plan" notice.`,
        'Full path: BcpPlansService.cards → contacts (SQLite), ContinuityReader over generated data, composition, pdfkit with the embedded BIZ UDPGothic subset; one page per card.',
      ],
    }
  } finally {
    await storage.close()
  }
}
