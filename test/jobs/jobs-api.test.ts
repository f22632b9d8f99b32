import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(fileName: string, text: string) {
  const boundary = '----mamori-jobs-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(text), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  }
}

describe.each(DIALECTS)('jobs API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    await app.inject({ method: 'POST', url: '/api/scopes', headers: admin.headers, payload: { target: '127.0.0.48' } })
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  const getJob = async (id: string, s: Session = engineer) =>
    (await app.inject({ url: `/api/jobs/${id}`, headers: s.headers })).json()

  it('a scan appears as a job with progress, and cancelling the job stops the scan', async () => {
    const started = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      // 1,000 ports at the gentle rate would take minutes: the job is still running when it is cancelled.
      payload: { targets: ['127.0.0.48'], ports: '18000-18999', profile: 'gentle' },
    })
    expect(started.statusCode).toBe(202)
    const scan = started.json()
    expect(scan.jobId).toEqual(expect.any(String))
    expect((await app.inject({ url: `/api/scans/${scan.id}`, headers: viewer.headers })).json().jobId).toBe(scan.jobId)

    const job = await getJob(scan.jobId, viewer)
    expect(job).toMatchObject({
      kind: 'scan',
      state: 'running',
      subjectId: scan.id,
      trigger: 'user',
      createdBy: { name: 'engineer' },
    })
    await expect.poll(async () => (await getJob(scan.jobId)).progress.total).toBe(1)
    const list = (await app.inject({ url: '/api/jobs?kind=scan', headers: viewer.headers })).json()
    expect(list.items.map((j: { id: string }) => j.id)).toContain(scan.jobId)

    const denied = await app.inject({ method: 'POST', url: `/api/jobs/${scan.jobId}/cancel`, headers: viewer.headers })
    expect(denied.statusCode).toBe(403)

    const cancel = await app.inject({
      method: 'POST',
      url: `/api/jobs/${scan.jobId}/cancel`,
      headers: engineer.headers,
    })
    expect(cancel.statusCode).toBe(200)
    expect(cancel.json().state).toBe('cancelling')

    for (let i = 0; i < 200 && (await getJob(scan.jobId)).state !== 'cancelled'; i++)
      await new Promise((r) => setTimeout(r, 50))
    const done = await getJob(scan.jobId)
    expect(done).toMatchObject({ state: 'cancelled', result: { status: 'stopped' } })
    expect(done.finishedAt).not.toBeNull()
    expect((await app.inject({ url: `/api/scans/${scan.id}`, headers: engineer.headers })).json().status).toBe(
      'stopped',
    )

    const again = await app.inject({ method: 'POST', url: `/api/jobs/${scan.jobId}/cancel`, headers: engineer.headers })
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({ code: 'JOB_FINISHED' })
    expect(again.json().error.message).toContain(scan.jobId)
    expect(again.json().error.messageJa).toContain('すでに終了')

    const audit = (await app.inject({ url: `/api/audit?targetId=${scan.jobId}`, headers: admin.headers })).json()
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'job.cancel',
      'job.finish',
      'job.start',
    ])
  })

  it('the scan stop route cancels the scan job too', async () => {
    const scan = (
      await app.inject({
        method: 'POST',
        url: '/api/scans',
        headers: engineer.headers,
        payload: { targets: ['127.0.0.48'], ports: '19000-19999', profile: 'gentle' },
      })
    ).json()
    const stop = await app.inject({ method: 'POST', url: `/api/scans/${scan.id}/stop`, headers: engineer.headers })
    expect(stop.statusCode).toBe(200)
    expect(stop.json().jobId).toBe(scan.jobId)
    for (let i = 0; i < 200 && (await getJob(scan.jobId)).state !== 'cancelled'; i++)
      await new Promise((r) => setTimeout(r, 50))
    expect((await getJob(scan.jobId)).state).toBe('cancelled')
  })

  it('an import commit runs as a device-import job and answers with its id', async () => {
    const body = multipart(
      'ledger.csv',
      '資産番号,種別,IPアドレス\r\nJOB-1,医療機器,10.9.0.1\r\nJOB-2,医療機器,10.9.0.2\r\n',
    )
    const preview = (
      await app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...engineer.headers, 'content-type': body.contentType },
        payload: body.payload,
      })
    ).json()
    const commit = await app.inject({
      method: 'POST',
      url: `/api/imports/${preview.importId}/commit`,
      headers: engineer.headers,
    })
    expect(commit.statusCode).toBe(200)
    expect(commit.json()).toMatchObject({ importId: preview.importId, created: 2, jobId: expect.any(String) })
    const job = await getJob(commit.json().jobId)
    expect(job).toMatchObject({
      kind: 'device-import',
      state: 'succeeded',
      subjectId: preview.importId,
      progress: { done: 2, total: 2, phase: 'write' },
      result: { created: 2, updated: 0 },
    })
    const list = (
      await app.inject({ url: '/api/jobs?kind=device-import&state=succeeded', headers: viewer.headers })
    ).json()
    expect(list.total).toBe(1)
  })

  it('answers 404 for an unknown job, and checks the query', async () => {
    const res = await app.inject({ url: '/api/jobs/no-such-job', headers: viewer.headers })
    expect(res.statusCode).toBe(404)
    const cancel = await app.inject({ method: 'POST', url: '/api/jobs/no-such-job/cancel', headers: engineer.headers })
    expect(cancel.statusCode).toBe(404)
    const bad = await app.inject({ url: '/api/jobs?state=sleeping', headers: viewer.headers })
    expect(bad.statusCode).toBe(400)
    const anon = await app.inject({ url: '/api/jobs' })
    expect(anon.statusCode).toBe(401)
  })
})
