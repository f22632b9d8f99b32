import type { Command } from 'commander'
import type { CatalogModelSummary } from '../../core/catalog/store.js'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { table } from '../table.js'

const versions = (m: { versionFrom: string | null; versionTo: string | null }) =>
  m.versionFrom || m.versionTo ? `${m.versionFrom ?? '…'}–${m.versionTo ?? '…'}` : 'any / 全て'

const modelRow = (m: CatalogModelSummary) => [
  m.id,
  m.vendor,
  m.name,
  versions(m),
  String(m.confirmed),
  String(m.suggested),
  String(m.disclosures),
]
const MODEL_HEADER = ['ID', 'VENDOR', 'MODEL', 'VERSIONS', 'CONFIRMED', 'SUGGESTED', 'DISCLOSURES']

/** `mamori models list|show|link`: the model catalog (scripts depend on these names and on the JSON shapes). */
export function register(program: Command): void {
  const models = program.command('models').description('The model catalog / 機種カタログ')

  models
    .command('list')
    .description('List catalog models with device counts (confirmed / suggested) and disclosures')
    .action(async (_opts: unknown, cmd: Command) => {
      await withServices(cmd, async ({ catalog }) => {
        const list = await catalog.list()
        report(cmd, list, () =>
          list.length === 0
            ? 'The catalog has no models yet. / カタログに機種はまだありません。'
            : `${table([MODEL_HEADER, ...list.map(modelRow)])}\n${list.length} models / 機種`,
        )
      })
    })

  models
    .command('show')
    .description('Show one model and its linked devices')
    .argument('<model>', 'model id or "MAKER MODEL", e.g. "日本光電 BSM-6501"')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      await withServices(cmd, async ({ catalog }) => {
        const detail = await catalog.detail((await catalog.find(ref)).id)
        report(cmd, detail, () => {
          const m = detail.model
          const head = `${m.vendor} ${m.name} (${versions(m)})  id ${m.id}\nconfirmed / 確定 ${m.confirmed}, suggested / 候補 ${m.suggested}, disclosures / 開示書 ${m.disclosures}`
          if (detail.devices.length === 0) return `${head}\nNo linked devices. / 紐付いた機器はありません。`
          return `${head}\n${table([
            ['ASSET TAG', 'DEPARTMENT', 'MANUFACTURER', 'MODEL', 'VERSION', 'STATE', 'CONFIDENCE'],
            ...detail.devices.map((d) => [
              d.assetTag ?? d.deviceId,
              d.department ?? '',
              d.manufacturer ?? '',
              d.model ?? '',
              d.softwareVersion ?? '',
              d.state,
              d.confidence.toFixed(2),
            ]),
          ])}`
        })
      })
    })

  models
    .command('link')
    .description('Link a ledger device to a model (confirmed), or --suggest links for the whole ledger')
    .argument('[device]', 'asset tag or device id')
    .argument('[model]', 'model id or "MAKER MODEL"')
    .option('--suggest', 'suggest a model for every device without a confirmed link and print what was proposed')
    .action(
      async (device: string | undefined, model: string | undefined, opts: { suggest?: boolean }, cmd: Command) => {
        await withServices(cmd, async ({ catalog }) => {
          if (opts.suggest) {
            const counts = await catalog.suggestLinks(cliActor())
            const proposed = (await catalog.list()).filter((m) => m.suggested > 0)
            report(cmd, { counts, models: proposed }, () =>
              [
                `${counts.devices} devices: ${counts.suggested} new or changed suggestions, ${counts.unchanged} unchanged, ${counts.withdrawn} withdrawn, ${counts.unmatched} without a match, ${counts.confirmed} already confirmed`,
                `機器 ${counts.devices} 台: 新しい候補 ${counts.suggested}、変更なし ${counts.unchanged}、取り下げ ${counts.withdrawn}、該当なし ${counts.unmatched}、確定済み ${counts.confirmed}`,
                proposed.length > 0 ? table([MODEL_HEADER, ...proposed.map(modelRow)]) : '',
              ]
                .filter(Boolean)
                .join('\n'),
            )
            return
          }
          if (!device || !model) {
            throw MamoriError.of('INVALID_INPUT', {
              problems: {
                en: 'give DEVICE and MODEL, or --suggest',
                ja: '機器と機種を指定するか --suggest を付けてください',
              },
            })
          }
          const link = await catalog.link(cliActor(), device, model)
          const target = await catalog.get(link.modelId)
          report(cmd, { link, model: target }, () => `${device} → ${target.vendor} ${target.name} (confirmed / 確定)`)
        })
      },
    )
}
