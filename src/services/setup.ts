import type { Role } from '../../api/common.js'
import { SYSTEM_ACTOR } from '../storage/audit-repository.js'
import type { UserRepository } from '../storage/user-repository.js'

/** Creates the first admin if there are no users yet. Returns true when it created one. */
export async function ensureFirstAdmin(
  users: UserRepository,
  input: { username: string; password: string; displayName?: string; role?: Role },
): Promise<boolean> {
  if ((await users.count()) > 0) return false
  await users.create(
    {
      username: input.username,
      password: input.password,
      displayName: input.displayName ?? 'Administrator',
      role: input.role ?? 'admin',
    },
    SYSTEM_ACTOR,
  )
  return true
}
