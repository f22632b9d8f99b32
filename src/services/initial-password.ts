import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { User } from '../../api/common.js'
import { verifyPassword } from './passwords.js'

/** Where the generated first-admin password is kept (mode 600) until the admin changes it. */
export const initialPasswordPath = (dataDir: string) => join(dataDir, 'initial-admin-password.txt')

/**
 * A hook for {@link UserRepository}'s `afterPasswordChange`: when the password just replaced is the one in the
 * generated initial password file, the file is deleted, so a stale password does not lie around in the data
 * directory (whichever way it was changed: Account page, an admin, `mamori users reset-password`).
 */
export function forgetInitialPassword(dataDir: string): (user: User, previousHash: string) => Promise<void> {
  return async (_user, previousHash) => {
    const file = initialPasswordPath(dataDir)
    let password: string
    try {
      password = readFileSync(file, 'utf8').trim()
    } catch {
      return // no file (the usual case), or not readable by us
    }
    if (password && (await verifyPassword(password, previousHash))) rmSync(file, { force: true })
  }
}
