import type { Actor } from '../core/actor.js'
import type { Services } from '../services/index.js'

/**
 * The demo hospital's reminder settings and a re-scan cadence (issue 11), through the module's own services so that every row is what a person
 * could have entered. `reset` first removes what the module holds (the ledger was replaced). Returns a line for the
 * CLI's summary, or null when nothing was loaded.
 */
export async function seedDemoOperations(
  _s: Services,
  _actor: Actor,
  _opts: { reset: boolean },
): Promise<string | null> {
  return null
}
