import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Job } from '../../src/core/jobs/job.js'
import type { NewJob } from '../../src/core/jobs/job-store.js'

/** A job as first written (queued, by the engineer from the UI); override what the test is about. */
export function buildNewJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: randomUUID(),
    kind: 'scan',
    subjectId: null,
    trigger: 'user',
    createdBy: { id: null, name: 'engineer' },
    createdAt: new Date().toISOString(),
    owner: `${hostname()}:${process.pid}:test`,
    ...overrides,
  }
}

/** The owner of a job left behind by a process that no longer exists on this host. */
export const DEAD_OWNER = `${hostname()}:2147483646:gone`

/** A whole job as the API shows it. */
export function buildJob(overrides: Partial<Job> = {}): Job {
  return {
    id: randomUUID(),
    kind: 'scan',
    state: 'running',
    progress: { done: 0, total: null, phase: null },
    subjectId: null,
    trigger: 'user',
    createdBy: { id: null, name: 'engineer' },
    createdAt: new Date().toISOString(),
    startedAt: new Date().toISOString(),
    finishedAt: null,
    result: null,
    error: null,
    ...overrides,
  }
}
