/** Who did something: a signed-in user, an API token's owner, or the system (CLI, scheduler). */
export interface Actor {
  id: string | null
  name: string
  ip?: string | null
}

/** The actor of work nobody started by hand (first start, scheduler, demo load). */
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' }
