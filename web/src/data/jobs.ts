/**
 * Long work (scans, imports) as jobs: `GET /api/jobs`, `GET /api/jobs/:id`, `POST /api/jobs/:id/cancel`
 * (api/jobs.ts), and `useJob(id)`, the one hook every page uses to follow a job.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Job, JobList } from '../../../api/jobs.js'
import { api, queryString } from '../api.js'
import { jobPollInterval } from './job-state.js'
import { type Filters, jobKeys } from './keys.js'

export { jobKeys } from './keys.js'

const path = (id: string) => `/api/jobs/${encodeURIComponent(id)}`

export const jobsApi = {
  list: (filters: Filters) => api<JobList>(`/api/jobs${queryString(filters)}`),
  get: (id: string) => api<Job>(path(id)),
  /** Asks the job to stop; the server answers the job (now `cancelling`, or already finished). CSRF like any POST. */
  cancel: (id: string) => api<Job>(`${path(id)}/cancel`, { method: 'POST' }),
}

/**
 * Follows one job: polls about every second while it is queued, running or cancelling and stops once it has
 * finished. `id` null/undefined disables the query (a page that has no job yet).
 */
export function useJob(id: string | null | undefined) {
  return useQuery({
    queryKey: jobKeys.detail(id ?? ''),
    queryFn: () => jobsApi.get(id ?? ''),
    enabled: Boolean(id),
    refetchInterval: (q) => jobPollInterval(q.state.data?.state),
  })
}

/** A page of jobs, newest first; polls while any listed job is still moving. */
export function useJobs(filters: Filters) {
  return useQuery({
    queryKey: jobKeys.list(filters),
    queryFn: () => jobsApi.list(filters),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((j) => jobPollInterval(j.state) !== false) ? 2000 : false),
  })
}

/** Cancels a job and refreshes it (and any job list) so the badge shows `cancelling` at once. */
export function useCancelJob() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => jobsApi.cancel(id),
    onSuccess: (job) => {
      qc.setQueryData(jobKeys.detail(job.id), job)
      void qc.invalidateQueries({ queryKey: jobKeys.all })
    },
  })
}
