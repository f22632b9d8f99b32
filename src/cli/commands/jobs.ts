import type { Command } from 'commander'
import { JOB_KINDS, JOB_STATES, type Job, jobQuery } from '../../../api/jobs.js'
import { report, withServices } from '../context.js'
import { table } from '../table.js'

/** "12/40 write" or "12 sweep" for a job's progress. */
function progressText(j: Job): string {
  const { done, total, phase } = j.progress
  return [total === null ? String(done) : `${done}/${total}`, phase ?? ''].filter(Boolean).join(' ')
}

function jobText(j: Job): string {
  const lines = [
    `Job ${j.id} (${j.kind}) ${j.state}`,
    `  subject:  ${j.subjectId ?? '-'}`,
    `  by:       ${j.createdBy?.name ?? 'system'} (${j.trigger})`,
    `  created:  ${j.createdAt}`,
    `  started:  ${j.startedAt ?? '-'}`,
    `  finished: ${j.finishedAt ?? '-'}`,
    `  progress: ${progressText(j)}`,
  ]
  if (j.result) lines.push(`  result:   ${JSON.stringify(j.result)}`)
  if (j.error)
    lines.push(
      `  error:    ${j.error.code}: ${j.error.message}`,
      ...(j.error.messageJa ? [`            ${j.error.messageJa}`] : []),
    )
  return lines.join('\n')
}

/** `mamori jobs list [--kind K] [--state S] [--limit N]` and `mamori jobs show ID`: scans and imports as jobs. */
export function register(program: Command): void {
  const jobs = program.command('jobs').description('Long work (scans, imports) and its progress / ジョブ')
  jobs
    .command('list', { isDefault: true })
    .description('Jobs, newest first')
    .option('--kind <kind>', `one of ${JOB_KINDS.join(', ')}`)
    .option('--state <state>', `one of ${JOB_STATES.join(', ')}`)
    .option('--limit <n>', 'how many (1-200)', '50')
    .action(async (opts: { kind?: string; state?: string; limit: string }, cmd: Command) => {
      const q = jobQuery.parse({ kind: opts.kind, state: opts.state, limit: opts.limit })
      await withServices(cmd, async (services) => {
        const page = await services.jobs.list(q)
        report(cmd, page, () =>
          page.items.length === 0
            ? 'No jobs yet.'
            : table([
                ['ID', 'KIND', 'STATE', 'PROGRESS', 'BY', 'TRIGGER', 'CREATED'],
                ...page.items.map((j) => [
                  j.id,
                  j.kind,
                  j.state,
                  progressText(j),
                  j.createdBy?.name ?? 'system',
                  j.trigger,
                  j.createdAt,
                ]),
              ]),
        )
      })
    })
  jobs
    .command('show <jobId>')
    .description('One job: state, progress, result or error')
    .action(async (jobId: string, _o: unknown, cmd: Command) => {
      await withServices(cmd, async (services) => {
        const j = await services.jobs.get(jobId)
        report(cmd, j, () => jobText(j))
      })
    })
}
