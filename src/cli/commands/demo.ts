import type { Command } from 'commander'
import { recordDemoScan } from '../../demo/demo-scan.js'
import { loadLifecycleDemo } from '../../demo/lifecycle-demo.js'
import { loadDemo } from '../../demo/load-demo.js'
import { SYSTEM_ACTOR } from '../../storage/audit-repository.js'
import { report, withServices } from '../context.js'

/**
 * `mamori demo [--reset]`: loads the fictional みなと総合病院 (about 300 devices) so a newcomer sees a populated
 * ledger at once. Refuses a ledger that already has devices unless `--reset` (which deletes them).
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description('Load the demo hospital (みなと総合病院, about 300 fictional devices) / デモ病院のデータを読み込む')
    .option('--reset', 'delete every device in the ledger first / 既存の機器をすべて削除してから読み込む')
    .action(async (opts: { reset?: boolean }, cmd: Command) => {
      await withServices(cmd, async (services, { storage }) => {
        const { scans } = services
        const actor = { ...SYSTEM_ACTOR, name: 'demo' }
        const r = await loadDemo(storage.db, { actor, reset: opts.reset === true })
        // A fictional gentle scan of the demo devices (no traffic sent), so findings, actions and risk show at once.
        const scan = await recordDemoScan(storage.db, scans, actor)
        const hostsUp = scan?.progress.hostsUp ?? 0
        // Procurement, acceptance, operations and continuity plans (issue 11).
        const lifecycle = await loadLifecycleDemo(services, actor, { reset: opts.reset === true })
        report(
          cmd,
          { database: storage.dialect, ...r, demoScan: scan ? { id: scan.id, hostsUp } : null, lifecycle },
          () => {
            const lines = [
              `Loaded ${r.site.name} (${r.site.id}): ${r.created} devices${r.removed > 0 ? `, replacing ${r.removed}` : ''} (${storage.dialect}).`,
              `デモ病院「${r.site.name}」を読み込みました: ${r.created} 台`,
              `A fictional gentle scan of ${hostsUp} devices was recorded (no traffic sent) / 架空の穏やかなスキャン結果 ${hostsUp} 台分を記録しました(通信は発生していません)`,
              ...lifecycle,
              ...Object.entries(r.byKind).map(([kind, n]) => `  ${kind.padEnd(16)} ${n}`),
            ]
            return lines.join('\n')
          },
        )
      })
    })
}
