import type { Actor } from '../core/actor.js'

/**
 * Keeps the action plan and the risk scores in step with what changed (issue 10): after a scan or an imported
 * scan, a vulnerability matching run, a disclosure applied, a finding decided, or a ledger change, the services
 * call `after(actor)`, which regroups findings into actions (closing those no longer seen, with the evidence) and
 * re-scores every device. Calls that arrive while a refresh waits share it; a call during a running refresh queues
 * one more, so the last change is always scored. A failed refresh is a warning, never a failed scan or import:
 * the next change (or `mamori risk`/`actions` commands) refreshes again.
 */
export class AssessmentRefresh {
  private chain: Promise<void> = Promise.resolve()
  private queued: Promise<void> | null = null

  constructor(private readonly refresh: (actor: Actor) => Promise<void>) {}

  /** Resolves when no refresh is running or waiting (closing the app or a command waits for this). */
  async idle(): Promise<void> {
    while (this.queued) await this.queued
    await this.chain
  }

  /** Resolves once a refresh that started after this call has finished. */
  after(actor: Actor): Promise<void> {
    if (this.queued) return this.queued
    const next = this.chain.then(async () => {
      this.queued = null
      try {
        await this.refresh(actor)
      } catch (err) {
        process.emitWarning(`Refreshing actions and risk scores failed: ${(err as Error).message}`)
      }
    })
    this.queued = next
    this.chain = next
    return next
  }
}
