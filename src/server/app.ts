import { existsSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance } from 'fastify'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import type { Config } from '../config.js'
import { notFound } from '../core/errors.js'
import type { Storage } from '../storage/database.js'
import { type AppDeps, buildDeps } from './context.js'
import authPlugin from './plugins/auth.js'
import errorsPlugin from './plugins/errors.js'
import refusalAuditPlugin from './plugins/refusal-audit.js'
import { ROUTES } from './routes/index.js'

export interface BuildAppOptions {
  storage: Storage
  config: Config
  /** Fastify logger: off in tests, info when serving. */
  logger?: boolean
  /** Directory of the built web UI; defaults to dist/web beside the package. */
  webDir?: string
  /** Extra wiring (e.g. discovery services) before routes are registered. */
  extend?: (deps: AppDeps) => void
}

const PACKAGE_ROOT = (() => {
  // Works from src/server (tsx, tests) and from dist/src/server (built).
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir)
  return dir
})()

/**
 * Cache-Control for a file of the built UI. Vite names every file under assets/ after a hash of its content, so a
 * browser may keep it for a year without asking again (`immutable`); a new release has new names. Everything else
 * (index.html, which names the current assets, and the SPA fallback) is revalidated on every load (`no-cache`).
 */
export function cacheControlFor(webDir: string, file: string): string {
  const rel = relative(webDir, file).split(sep).join('/')
  return rel.startsWith('assets/') && !rel.includes('..') ? 'public, max-age=31536000, immutable' : 'no-cache'
}

/** Builds the HTTP app without listening, so tests can use `inject()`. */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.MAMORI_TRUST_PROXY === 'true',
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  const deps = buildDeps(opts.storage, opts.config)
  await deps.ready() // jobs a dead process left running are failed before the first request
  opts.extend?.(deps)
  app.decorate('deps', deps)
  app.addHook('onClose', async () => {
    for (const close of deps.onClose) await close()
  })

  await app.register(errorsPlugin)
  await app.register(refusalAuditPlugin)
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine injects CSS variables in style attributes; swagger-ui needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: opts.config.secureCookies,
  })
  await app.register(cookie)
  await app.register(rateLimit, { global: false })
  await app.register(multipart, { limits: { fileSize: opts.config.maxUploadBytes, files: 1, fields: 10 } })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Mamori API',
        version: '0.1.0',
        description: 'Device ledger, discovery and findings for hospital medical devices.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'mamori_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  })
  // The docs UI is public so that integrators can read it; every operation it lists still needs authentication.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true }
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } })
  // Authentication lives inside the /api scope: its hook runs for every route registered there, decided from the
  // matched route's own config (deny unless `public`), never from the raw URL, so /%61pi/users, //api/users or an
  // absolute-form target reach the same hook as /api/users.
  await app.register(
    async (api) => {
      await api.register(authPlugin)
      for (const route of ROUTES) await api.register(route)
    },
    { prefix: '/api' },
  )

  const webDir = opts.webDir ?? join(PACKAGE_ROOT, 'dist', 'web')
  const hasWeb = existsSync(join(webDir, 'index.html'))
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside every text asset (web/precompress.ts); @fastify/static picks one by
      // Accept-Encoding, falls back to the plain file, and adds `Vary: Accept-Encoding`.
      preCompressed: true,
      // Cache-Control is set below per file, not by send's `max-age=0` default.
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', cacheControlFor(webDir, path)),
    })
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? ''
    // Client-side routes of the single-page app get index.html; unknown API paths get the JSON error.
    // A missing asset (an old bundle name after an upgrade) is a real 404, not the app's HTML.
    if (hasWeb && req.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/assets/')) {
      return reply.sendFile('index.html')
    }
    // Thrown, so the errors plugin answers it in the one error shape (catalog texts in both languages, params).
    throw notFound('Path', `${req.method} ${path}`, 'パス')
  })
  return app
}
