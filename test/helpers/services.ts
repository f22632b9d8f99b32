import { UserService } from '../../src/services/users.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { UserRepository } from '../../src/storage/user-repository.js'

/** The user service over a real database, for test setup (creating accounts with the real password policy). */
export function userService(storage: Pick<Storage, 'db'>): UserService {
  return new UserService(new UserRepository(storage.db), new AuditRepository(storage.db))
}
