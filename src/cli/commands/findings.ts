import type { Command } from 'commander'
import { FINDING_STATUSES, SEVERITIES } from '../../../api/discovery.js'
import { report, withServices } from '../context.js'
import { table } from '../table.js'

export function register(program: Command): void {
  const findings = program.command('findings').description('Weaknesses found, with advice / 検出事項と推奨対応')
  findings
    .command('list')
    .description('List findings, most severe first')
    .option('--severity <s>', SEVERITIES.join(', '))
    .option('--status <s>', FINDING_STATUSES.join(', '), 'open')
    .option('--address <ip>', 'only this address')
    .option('--lang <lang>', 'ja or en', process.env.LANG?.startsWith('ja') ? 'ja' : 'en')
    .option('--limit <n>', 'rows', '200')
    .action(
      async (
        opts: { severity?: string; status?: string; address?: string; lang: string; limit: string },
        cmd: Command,
      ) => {
        await withServices(cmd, async ({ findings }) => {
          const { items, total } = await findings.list({
            severity: opts.severity,
            status: opts.status,
            address: opts.address,
            limit: Number(opts.limit),
            offset: 0,
          })
          const ja = opts.lang === 'ja'
          report(cmd, { items, total }, () =>
            items.length === 0
              ? 'No findings. / 該当する検出事項はありません。'
              : [
                  table([
                    ['SEVERITY', 'ADDRESS', 'PORT', 'FINDING', 'STATUS'],
                    ...items.map((f) => [
                      f.severity,
                      f.address ?? '',
                      f.port === null ? '' : String(f.port),
                      ja ? f.titleJa : f.titleEn,
                      f.status + (f.incomplete ? ' (incomplete)' : ''),
                    ]),
                  ]),
                  '',
                  ...items
                    .slice(0, 20)
                    .map(
                      (f) =>
                        `• ${ja ? f.titleJa : f.titleEn} — ${f.address ?? ''}${f.port ? `:${f.port}` : ''}\n  ${ja ? f.recommendationJa : f.recommendationEn}`,
                    ),
                  `${items.length} of ${total} findings`,
                ].join('\n'),
          )
        })
      },
    )
}
