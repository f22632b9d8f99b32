import { homedir } from 'node:os'
import { resolve } from 'node:path'

/** Runtime configuration from flags and environment. Every value has a safe default. */
export interface Config {
  dataDir: string
  databaseUrl: string | undefined
  host: string
  port: number
  /** Largest accepted upload (bytes); MAMORI_MAX_UPLOAD_MB. */
  maxUploadBytes: number
  /** Largest packet capture accepted through the web upload (bytes); MAMORI_MAX_CAPTURE_UPLOAD_MB (default 2048). */
  maxCaptureUploadBytes: number
  /** Session lifetime in hours; MAMORI_SESSION_HOURS. */
  sessionHours: number
  /** Set cookies with Secure (behind HTTPS); MAMORI_SECURE_COOKIES=true. */
  secureCookies: boolean
}

const num = (v: string | undefined, dflt: number) => {
  const n = v === undefined ? Number.NaN : Number(v)
  return Number.isFinite(n) && n > 0 ? n : dflt
}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dataDir: resolve(overrides.dataDir ?? env.MAMORI_DATA_DIR ?? resolve(homedir(), '.mamori')),
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    host: overrides.host ?? env.MAMORI_HOST ?? '127.0.0.1',
    port: overrides.port ?? num(env.MAMORI_PORT ?? env.PORT, 3000),
    maxUploadBytes: overrides.maxUploadBytes ?? num(env.MAMORI_MAX_UPLOAD_MB, 50) * 1024 * 1024,
    maxCaptureUploadBytes: overrides.maxCaptureUploadBytes ?? num(env.MAMORI_MAX_CAPTURE_UPLOAD_MB, 2048) * 1024 * 1024,
    sessionHours: overrides.sessionHours ?? num(env.MAMORI_SESSION_HOURS, 12),
    secureCookies: overrides.secureCookies ?? env.MAMORI_SECURE_COOKIES === 'true',
  }
}
