import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

/**
 * Target 4 of issue 7, "UI delivery": the built UI is served pre-compressed (brotli, gzip) by Accept-Encoding, hashed
 * files under /assets/ are cached for a year as immutable, index.html and the SPA fallback are revalidated, and no
 * JS or CSS file is over 300 KB compressed. Runs against the real build in dist/web (built here if missing).
 */
const ROOT = join(import.meta.dirname, '..', '..')
const WEB = join(ROOT, 'dist', 'web')
const ASSETS = join(WEB, 'assets')
const LIMIT = 300 * 1024
const IMMUTABLE = 'public, max-age=31536000, immutable'

const sqlite = DIALECTS.find((d) => d.name === 'sqlite') ?? DIALECTS[0]!

function ensureBuilt(): void {
  if (existsSync(join(WEB, 'index.html'))) return
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
}

describe('UI delivery: pre-compressed, cached, small', () => {
  let storage: Storage
  let app: FastifyInstance
  let jsAsset = ''

  beforeAll(async () => {
    ensureBuilt()
    jsAsset = readdirSync(ASSETS).find((f) => /^index-[\w-]+\.js$/.test(f)) ?? ''
    storage = await sqlite.open()
    app = await buildTestApp(storage)
  }, 300_000)
  afterAll(async () => {
    await app?.close()
    await storage?.close()
  })

  it('has a hashed entry script to test with', () => {
    expect(jsAsset).toMatch(/^index-[\w-]+\.js$/)
  })

  it('sends the brotli file to a browser that accepts br, cached as immutable', async () => {
    const res = await app.inject({
      url: `/assets/${jsAsset}`,
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding')
    expect(brotliDecompressSync(res.rawPayload).equals(readFileSync(join(ASSETS, jsAsset)))).toBe(true)
  })

  it('sends the gzip file when only gzip is accepted', async () => {
    const res = await app.inject({ url: `/assets/${jsAsset}`, headers: { 'accept-encoding': 'gzip' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding')
    expect(gunzipSync(res.rawPayload).equals(readFileSync(join(ASSETS, jsAsset)))).toBe(true)
  })

  it('sends the plain file (identity) without Accept-Encoding', async () => {
    const res = await app.inject({ url: `/assets/${jsAsset}`, headers: { 'accept-encoding': '' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding')
    expect(res.rawPayload.equals(readFileSync(join(ASSETS, jsAsset)))).toBe(true)
  })

  it('serves the stylesheet compressed and immutable too', async () => {
    const css = readdirSync(ASSETS).find((f) => f.endsWith('.css'))
    expect(css).toBeDefined()
    const res = await app.inject({ url: `/assets/${css}`, headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/text\/css/)
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
  })

  it.each(['/', '/index.html', '/devices', '/devices/123?tab=findings'])(
    'revalidates %s (index.html or the SPA fallback) on every load, with the security headers',
    async (url) => {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/text\/html/)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers['content-security-policy']).toContain("script-src 'self'")
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBeDefined()
      const html = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload) : res.rawPayload
      expect(html.toString('utf8')).toContain('<div id="root">')
    },
  )

  it('answers a missing asset with 404, not the app and not an immutable header', async () => {
    const res = await app.inject({ url: '/assets/index-old0hash.js', headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(404)
    expect(res.headers['cache-control']).not.toBe(IMMUTABLE)
  })

  it.each([
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/..%5c..%5cpackage.json',
    '/%2e%2e/package.json',
    '/assets/..%252f..%252fpackage.json',
  ])('does not leave dist/web for %s', async (url) => {
    for (const encoding of ['br', 'gzip', '']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': encoding } })
      // Refused, or (when the URL parser already folded the dots away, e.g. to /package.json) answered with the
      // app's own index.html as for any client-side route; never a file from outside dist/web.
      if (res.statusCode === 200) {
        expect(res.headers['content-type']).toMatch(/^text\/html/)
        expect(res.headers['cache-control']).toBe('no-cache')
      } else {
        expect([400, 403, 404]).toContain(res.statusCode)
      }
      expect(res.body).not.toContain('"name": "mamori"')
      expect(res.headers['cache-control']).not.toBe(IMMUTABLE)
    }
  })

  it('keeps the API out of the static rules: /api stays JSON, authenticated and uncached by the static plugin', async () => {
    const res = await app.inject({ url: '/api/devices', headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(401)
    expect(res.headers['cache-control']).not.toBe(IMMUTABLE)
  })

  it('has .br and .gz beside every .js and .css, and none over 300 KB compressed', () => {
    const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    expect(files.length).toBeGreaterThan(0)
    const tooBig: string[] = []
    for (const f of files) {
      const path = join(ASSETS, f)
      expect(existsSync(`${path}.br`), `${f}.br`).toBe(true)
      expect(existsSync(`${path}.gz`), `${f}.gz`).toBe(true)
      const br = statSync(`${path}.br`).size
      const gz = statSync(`${path}.gz`).size
      if (br > LIMIT || gz > LIMIT) tooBig.push(`${f}: br ${br} B, gzip ${gz} B`)
    }
    expect(tooBig, 'files over 300 KB compressed').toEqual([])
    expect(existsSync(join(WEB, 'index.html.br'))).toBe(true)
    expect(existsSync(join(WEB, 'index.html.gz'))).toBe(true)
  })
})
