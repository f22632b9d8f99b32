import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import {
  DECOMMISSION_ITEM_IDS,
  type Decommission,
  decommissionHandoverInput,
  ERASURE_METHODS,
} from '../../../api/decommission.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang, fileError } from '../files.js'
import { table } from '../table.js'

/** The checklist with what is left and the dependent services as a warning. */
export function decommissionText(d: Decommission, ja: boolean): string {
  const lines = [
    `${d.device.assetTag ?? d.deviceId}  ${d.device.name ?? ''} ${d.device.manufacturer ?? ''} ${d.device.model ?? ''}`.trim(),
    `${ja ? '状態' : 'State'}: ${d.state}  ${ja ? '開始' : 'started'} ${d.startedAt.slice(0, 16)} ${d.startedBy ?? ''}`,
    '',
    table([
      ja ? ['項目', '状態', '実施者', 'メモ'] : ['ITEM', 'STATE', 'BY', 'NOTE'],
      ...d.items.map((i) => [
        `${i.id} ${ja ? i.titleJa : i.titleEn}`,
        i.notApplicable ? (ja ? '対象外' : 'n/a') : i.done ? (ja ? '済' : 'done') : ja ? '未' : 'to do',
        i.doneBy ?? '',
        i.note,
      ]),
    ]),
    `${ja ? '消去方法' : 'Erasure'}: ${d.handover.erasureMethod ?? '—'}  ${ja ? '引渡し先' : 'Recipient'}: ${d.handover.recipient ?? '—'}`,
  ]
  if (d.dependentServices.length > 0)
    lines.push(
      '',
      ja
        ? `警告: この機器に依存する診療サービスがあります: ${d.dependentServices.map((s) => s.name).join('、')}`
        : `Warning: clinical services still depend on this device: ${d.dependentServices.map((s) => s.name).join(', ')}`,
    )
  const left = ja ? d.outstandingJa : d.outstandingEn
  if (d.completed) lines.push(`${ja ? '完了' : 'Completed'}: ${d.completed.by} ${d.completed.at.slice(0, 16)}`)
  else if (left.length > 0) lines.push('', ja ? '残っている作業:' : 'Left to do:', ...left.map((l) => `  - ${l}`))
  return lines.join('\n')
}

interface Opts {
  done?: string
  na?: string
  note: string
  erasure?: string
  evidence?: string
  recipient?: string
  handoverOn?: string
  complete?: boolean
  force?: boolean
  reason: string
  handoverSheet?: string
  lang: string
}

/** `mamori decommission DEVICE` (issue 11, ADR 0040): starts or shows the open one, and each step. */
export function register(program: Command): void {
  program
    .command('decommission')
    .description('Decommission a device and hand it over / 機器の廃棄・譲渡（チェックリストと情報提供書）')
    .argument('<device>', 'device id or asset tag')
    .option('--done <item>', `mark an item done: ${DECOMMISSION_ITEM_IDS.join(', ')}`)
    .option('--na <item>', 'mark an item not applicable (needs --note)')
    .option('--note <text>', 'note for --done / --na', '')
    .option('--erasure <method>', `how patient data was erased: ${ERASURE_METHODS.join(', ')}`)
    .option('--evidence <text>', 'who erased and the certificate reference')
    .option('--recipient <name>', 'the used-device dealer or disposal company')
    .option('--handover-on <date>', 'handover date YYYY-MM-DD')
    .option('--complete', 'complete (status → decommissioned)')
    .option('--force', 'complete although clinical services depend on it (needs --reason)')
    .option('--reason <text>', 'why it is forced', '')
    .option('--handover-sheet <file>', 'write the handover sheet (PDF)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (device: string, opts: Opts, cmd: Command) => {
      const item = (v: string | undefined) => {
        if (v === undefined) return undefined
        const id = DECOMMISSION_ITEM_IDS.find((i) => i === v)
        if (!id) cmd.error(`unknown item "${v}"; one of: ${DECOMMISSION_ITEM_IDS.join(', ')}`)
        return id
      }
      const done = item(opts.done)
      const na = item(opts.na)
      const erasure = opts.erasure === undefined ? undefined : ERASURE_METHODS.find((m) => m === opts.erasure)
      if (opts.erasure !== undefined && !erasure)
        cmd.error(`unknown erasure method "${opts.erasure}"; one of: ${ERASURE_METHODS.join(', ')}`)
      const lang = opts.lang === 'en' ? 'en' : 'ja'
      await withServices(cmd, async ({ decommission }) => {
        const actor = cliActor()
        let d = (await decommission.openFor(device)) ?? null
        if (!d) {
          const latest = await decommission.latestFor(device).catch(() => null)
          d =
            latest && (opts.handoverSheet || latest.state === 'completed') && !done && !na && !opts.complete
              ? latest
              : await decommission.start(device, actor)
        }
        if (done) d = await decommission.item(d.id, done, { done: true, notApplicable: false, note: opts.note }, actor)
        if (na) d = await decommission.item(d.id, na, { done: false, notApplicable: true, note: opts.note }, actor)
        if (erasure || opts.recipient !== undefined || opts.evidence !== undefined || opts.handoverOn !== undefined)
          d = await decommission.handover(
            d.id,
            decommissionHandoverInput.parse({
              erasureMethod: erasure ?? d.handover.erasureMethod,
              erasureEvidence: opts.evidence ?? d.handover.erasureEvidence,
              recipient: opts.recipient ?? d.handover.recipient,
              handoverOn: opts.handoverOn ?? d.handover.handoverOn,
            }),
            actor,
          )
        if (opts.complete)
          d = await decommission.complete(d.id, { force: opts.force === true, reason: opts.reason }, actor)
        if (opts.handoverSheet) {
          const file = await decommission.handoverSheet(d.id, lang, actor)
          try {
            await writeFile(opts.handoverSheet, file.pdf)
          } catch (e) {
            throw fileError(opts.handoverSheet, e)
          }
        }
        const result = d
        report(cmd, result, () => decommissionText(result, opts.lang === 'ja'))
      })
    })
}
