import type { Role, User } from '../../api/common.js'
import { SYSTEM_ACTOR } from '../core/ports.js'
import type { UserService } from './users.js'

/**
 * Creates the first admin if there are no users yet; returns it, or null when users already exist.
 * `deliver` hands the password over (writes the 600 file) inside the creating transaction: if it fails, the admin
 * is not created, so nobody is ever locked out of a fresh installation by a password nobody saw.
 */
export async function ensureFirstAdmin(
  users: Pick<UserService, 'createFirstUser'>,
  input: { username: string; password: string; displayName?: string; role?: Role },
  deliver: (user: User) => void | Promise<void> = () => undefined,
): Promise<User | null> {
  return users.createFirstUser(
    {
      username: input.username,
      password: input.password,
      displayName: input.displayName ?? 'Administrator',
      role: input.role ?? 'admin',
    },
    SYSTEM_ACTOR,
    deliver,
  )
}
