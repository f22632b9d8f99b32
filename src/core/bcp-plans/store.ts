import type { Contact, Exercise, PlaybookTask } from '../../../api/bcp.js'
import type { Actor } from '../ports.js'

/** A playbook task as stored (validated input, defaults applied). */
export type TaskFields = Omit<PlaybookTask, 'id' | 'updatedAt'>
/** A contact as stored; `notifies` are ids of other contacts. */
export type ContactFields = Omit<Contact, 'id' | 'updatedAt'>
/** An exercise record as stored. */
export type ExerciseFields = Omit<Exercise, 'id' | 'updatedAt' | 'createdBy'>

/**
 * Where the continuity plans are kept (src/storage/bcp-plans-repository.ts; ADR 0043). Every change is one
 * transaction with its audit entry. `seed*` writes the defaults once (a state row remembers it), so a hospital that
 * deletes every default task does not get them back.
 */
export interface BcpPlansStore {
  /** Writes `tasks` when the playbook was never seeded; true when it wrote them. */
  seedPlaybook(tasks: readonly TaskFields[], actor: Actor, now: Date): Promise<boolean>
  tasks(): Promise<PlaybookTask[]>
  createTask(t: TaskFields, actor: Actor, now: Date): Promise<PlaybookTask>
  updateTask(id: string, t: TaskFields, actor: Actor, now: Date): Promise<PlaybookTask>
  deleteTask(id: string, actor: Actor): Promise<void>

  /** Writes the template when the contacts were never seeded; `notifies` there are indexes into `contacts`. */
  seedContacts(
    contacts: readonly (Omit<ContactFields, 'notifies'> & { notifies: number[] })[],
    actor: Actor,
    now: Date,
  ): Promise<boolean>
  contacts(): Promise<Contact[]>
  /** BCP_INVALID naming unknown `notifies` ids, or a contact notifying itself. */
  createContact(c: ContactFields, actor: Actor, now: Date): Promise<Contact>
  updateContact(id: string, c: ContactFields, actor: Actor, now: Date): Promise<Contact>
  deleteContact(id: string, actor: Actor): Promise<void>

  exercises(): Promise<Exercise[]>
  createExercise(e: ExerciseFields, actor: Actor, now: Date): Promise<Exercise>
  updateExercise(id: string, e: ExerciseFields, actor: Actor, now: Date): Promise<Exercise>
  deleteExercise(id: string, actor: Actor): Promise<void>

  /** Removes everything the module holds and forgets the seeding (demo reset); audited. */
  clear(actor: Actor): Promise<void>
}

export interface BcpPlansPorts {
  bcpPlansStore: BcpPlansStore
}
