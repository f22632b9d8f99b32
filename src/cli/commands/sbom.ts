import { basename } from 'node:path'
import type { Command } from 'commander'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang, readInput } from '../files.js'
import { table } from '../table.js'

export function register(program: Command): void {
  const s = program.command('sbom').description('Software bills of materials (CycloneDX, SPDX) / SBOM')

  s.command('import')
    .description('Read an SBOM and attach its components to a model (all its devices) or to one device')
    .argument('<file>', 'CycloneDX 1.4–1.6 (JSON/XML) or SPDX 2.2/2.3 (JSON/tag-value)')
    .option('--model <maker-model>', 'the catalog model, e.g. "日本光電 BSM-6501" (created if new)')
    .option('--device <id>', 'one device (id or asset tag)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (file: string, opts: { model?: string; device?: string; lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ sboms, catalog }) => {
        if (Boolean(opts.model) === Boolean(opts.device)) throw MamoriError.of('SBOM_NO_TARGET')
        const bytes = await readInput(file)
        const deviceId = opts.device ? await catalog.deviceId(opts.device) : undefined
        const out = await sboms.importSbom(cliActor(), { name: basename(file), bytes }, { model: opts.model, deviceId })
        const ja = opts.lang === 'ja'
        const b = out.sbom
        report(cmd, out, () =>
          [
            `${ja ? '取り込みました' : 'Imported'}: ${b.id} (${b.format} ${b.specVersion})`,
            ja
              ? `  構成要素 ${b.componentCount} 件、VEX ${out.vexStatements} 件、対象機器 ${out.devices} 台`
              : `  ${b.componentCount} components, ${out.vexStatements} VEX statements, ${out.devices} devices`,
            out.problems.length === 0
              ? ja
                ? '  問題はありません。'
                : '  No problems.'
              : table([
                  ['WHERE', 'PROBLEM'],
                  ...out.problems.map((p) => [p.path ?? p.file, ja ? p.messageJa : p.message]),
                ]),
          ].join('\n'),
        )
      })
    })
}
