import cliProgress from 'cli-progress'
import type { Job, JobProgress } from '../../api/jobs.js'
import type { Actor } from '../core/ports.js'
import type { JobRunner } from '../services/job-runner.js'

/** One progress bar for every long CLI command (scan, ledger import): phase, done/total, drawn on stderr. */
export interface ProgressBar {
  update(p: JobProgress): void
  stop(): void
}

/**
 * Whether a bar is drawn: only for a person at a terminal. With `--json`, or when stdout is not a terminal (a script,
 * a pipe, CI), the output stays plain.
 */
export function wantsBar(json: boolean, out: { isTTY?: boolean } = process.stdout): boolean {
  return !json && out.isTTY === true
}

/**
 * The progress bar (cli-progress). `label` names the work ("scan", "import"); the phase shown is the job's phase
 * key (`sweep`, `write`…). A disabled bar does nothing, so callers need no `if`.
 */
export function progressBar(
  label: string,
  enabled: boolean,
  stream: NodeJS.WritableStream = process.stderr,
): ProgressBar {
  if (!enabled) return { update() {}, stop() {} }
  const bar = new cliProgress.SingleBar(
    { format: `${label} {phase} [{bar}] {value}/{total}`, hideCursor: true, stream, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(p) {
      const total = Math.max(p.total ?? p.done, 1)
      const payload = { phase: (p.phase ?? '').padEnd(9) }
      if (!started) {
        bar.start(total, p.done, payload)
        started = true
      } else {
        bar.setTotal(total)
        bar.update(p.done, payload)
      }
    },
    stop() {
      if (started) bar.stop()
      started = false
    },
  }
}

/** How a followed job ended, from the command's point of view. */
export interface Followed<R> {
  job: Job
  /** The work's value, when it returned one. */
  value?: R
  /** What the work threw, when it failed. */
  error?: unknown
  /** True when Ctrl-C cancelled the job. */
  interrupted: boolean
}

/**
 * Follows a job this process runs until it ends: redraws the bar from the job's live progress, and turns Ctrl-C into
 * a clean cancel of the job (the work stops and records how far it got; an import rolls back).
 */
export async function followJob<R>(
  runner: JobRunner,
  started: { jobId: string; done: Promise<R> },
  opts: { bar: ProgressBar; actor: Actor; onInterrupt?: string },
): Promise<Followed<R>> {
  let interrupted = false
  const onSigint = () => {
    if (interrupted) return
    interrupted = true
    process.stderr.write(`\n${opts.onInterrupt ?? 'Cancelling… / 取り消しています…'}\n`)
    void runner.cancel(started.jobId, opts.actor).catch(() => {})
  }
  process.on('SIGINT', onSigint)
  const ticker = setInterval(() => {
    void runner.get(started.jobId).then(
      (j) => opts.bar.update(j.progress),
      () => {},
    )
  }, 200)
  let value: R | undefined
  let error: unknown
  try {
    value = await started.done
  } catch (err) {
    error = err
  } finally {
    clearInterval(ticker)
    process.off('SIGINT', onSigint)
  }
  const job = await runner.waitFor(started.jobId)
  opts.bar.update(job.progress)
  opts.bar.stop()
  return error === undefined ? { job, value, interrupted } : { job, error, interrupted }
}
