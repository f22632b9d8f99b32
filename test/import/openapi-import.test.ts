import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe('OpenAPI document', () => {
  let storage: Storage
  let app: FastifyInstance
  beforeAll(async () => {
    storage = await DIALECTS[0]!.open()
    app = await buildTestApp(storage)
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('documents the import and export routes', async () => {
    const res = await app.inject('/api/docs/json')
    expect(res.statusCode).toBe(200)
    const paths = Object.keys(res.json().paths)
    expect(paths).toEqual(
      expect.arrayContaining(['/api/imports', '/api/imports/{id}', '/api/imports/{id}/commit', '/api/devices/export']),
    )
  })
})
