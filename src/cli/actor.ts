import { userInfo } from 'node:os'
import type { Actor } from '../storage/audit-repository.js'

/** The CLI acts as the operating-system user who runs it (whoever can read the data directory). */
export function cliActor(): Actor {
  let name = 'unknown'
  try {
    name = userInfo().username
  } catch {
    // No passwd entry (containers): keep "unknown".
  }
  return { id: null, name: `cli:${name}` }
}
