import type { Command } from 'commander'
import type { FeedImportResult } from '../../../api/vulns.js'
import { cliActor } from '../actor.js'
import { EXIT, globals, report, withServices } from '../context.js'
import { defaultLang } from '../files.js'
import { followJob, progressBar, wantsBar } from '../progress.js'
import { table } from '../table.js'

function importSummary(out: FeedImportResult, ja: boolean): string {
  const rows = out.files.map((f) => [
    f.file,
    f.kind ?? (ja ? '（不明）' : '(unknown)'),
    String(f.stored),
    f.problems.length === 0 ? '' : String(f.problems.length),
  ])
  const problems = out.files.flatMap((f) =>
    f.problems.map((p) => [`${p.file}${p.path ? ` ${p.path}` : ''}`, ja ? p.messageJa : p.message]),
  )
  return [
    table([ja ? ['ファイル', '種類', '保存件数', '問題'] : ['FILE', 'KIND', 'STORED', 'PROBLEMS'], ...rows]),
    ja ? `新たに該当した照合: ${out.newMatches} 件` : `New matches: ${out.newMatches}`,
    ...(problems.length > 0 ? [table([ja ? ['場所', '問題'] : ['WHERE', 'PROBLEM'], ...problems])] : []),
  ].join('\n')
}

export function register(program: Command): void {
  const f = program
    .command('feeds')
    .description('Vulnerability feeds: CSAF/VEX, KEV, EPSS, NVD, JVN / 脆弱性情報フィード')

  f.command('import')
    .description('Import a feed file or a folder of them (format detected from the content), or an offline bundle')
    .argument('<path>', 'a file (.json, .json.gz, .csv, .csv.gz, .xml, bundle) or a folder')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (path: string, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ feeds }) => {
        const out = await feeds.importPath(path, cliActor())
        report(cmd, out, () => importSummary(out, opts.lang === 'ja'))
        // Some files refused while others were stored: the command says so with its exit code.
        if (out.files.some((x) => x.problems.some((p) => p.severity === 'error'))) process.exitCode = EXIT.refused
      })
    })

  f.command('sync')
    .description('Fetch the enabled feed sources now (resumes where an interrupted sync stopped)')
    .action(async (_opts: unknown, cmd: Command) => {
      const json = globals(cmd).json === true
      await withServices(cmd, async (services) => {
        const actor = cliActor()
        const started = await services.feeds.startSync(actor, 'cli')
        const { value, error, interrupted } = await followJob(services.jobs, started, {
          bar: progressBar('sync', wantsBar(json)),
          actor,
          onInterrupt: 'Stopping the sync (what was stored is kept; the next sync resumes)… / 同期を止めています…',
        })
        if (error) throw error
        report(cmd, value ?? null, () =>
          value
            ? table([
                ['SOURCE', 'STORED', 'PROBLEMS', 'CURSOR', 'ERROR'],
                ...value.sources.map((s) => [
                  s.id,
                  String(s.stored),
                  String(s.problems),
                  s.cursor ?? '',
                  s.error ?? '',
                ]),
              ])
            : 'No enabled feed source with a URL. / 有効なフィードがありません。',
        )
        if (interrupted) process.exitCode = EXIT.interrupted
        else if (value?.sources.some((s) => s.error)) process.exitCode = EXIT.failure
      })
    })

  f.command('export')
    .description('Write the offline bundle (advisories, CVEs, KEV, EPSS, VEX) for an installation without network')
    .argument('<file>', 'the bundle to write (.mamori-feeds.gz)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      await withServices(cmd, async ({ feeds }) => {
        const out = await feeds.exportBundle(file, cliActor())
        report(cmd, out, () =>
          Object.entries(out.counts)
            .map(([t, n]) => `${t}: ${n}`)
            .join('\n'),
        )
      })
    })
}
