import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { createRequire } from 'node:module'
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import type { PasswordPolicyKey } from '../core/messages/en/password-policy.js'

/** scrypt parameters (N=2^15, r=8, p=1): ~50 ms per hash on a 2-core machine; stored with the hash so they can rise later. */
const N = 32768
const R = 8
const P = 1
const KEYLEN = 64

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** Returns `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, R, P)
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$')
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p))
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** What else the password is checked against: the account's own names must not be its password. */
export interface PasswordContext {
  username?: string
  displayName?: string
}

/**
 * zxcvbn-ts with its list of common passwords (language-common: the most used passwords from breach corpora, with
 * l33t and reversed variants, keyboard rows, dates and repeats). Loaded on first use, not at start: the dictionary
 * takes about half a second to load and most commands never set a password.
 */
let estimator: ZxcvbnFactory | null = null
function strength(password: string, userInputs: string[]) {
  if (!estimator) {
    const require = createRequire(import.meta.url)
    const core: typeof import('@zxcvbn-ts/core') = require('@zxcvbn-ts/core')
    const common: typeof import('@zxcvbn-ts/language-common') = require('@zxcvbn-ts/language-common')
    estimator = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs })
  }
  return estimator.check(password, userInputs)
}

/**
 * The lowest accepted zxcvbn score: 3 means "safely unguessable" (more than 10^8 guesses), which with the 12-character
 * minimum, scrypt and the login rate limit is out of reach of online guessing and costly offline.
 */
const MIN_SCORE = 3

/** zxcvbn's warnings the catalog words for a clinical engineer (`passwordPolicy.<warning>`); others read `tooEasy`. */
const ZXCVBN_WARNINGS = new Set<string>([
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'userInputs',
] satisfies PasswordPolicyKey[])

const isWarningKey = (w: string): w is PasswordPolicyKey => ZXCVBN_WARNINGS.has(w)

/**
 * A password policy in line with the MHLW checklist (令和7) and NIST SP 800-63B: at least 12 characters, not all
 * of one kind, not the user name, and not a common or easily guessed password. Null when acceptable, else why not:
 * the key of its text in the catalog (`passwordPolicy.<key>`, src/core/messages/en/password-policy.ts).
 */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordPolicyKey | null {
  if (password.length < 12) return 'tooShort'
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (password.length < 16 && kinds < 2) return 'oneKind'
  const lower = password.normalize('NFKC').toLowerCase()
  const username = context.username?.trim().toLowerCase() ?? ''
  if (username.length >= 3 && lower.includes(username)) return 'containsUsername'
  const inputs = [username, ...(context.displayName ?? '').split(/[\s._@-]+/), 'mamori'].filter((w) => w.length >= 3)
  const result = strength(password, inputs)
  if (result.score >= MIN_SCORE) return null
  const warning = result.feedback.warning ?? ''
  return isWarningKey(warning) ? warning : 'tooEasy'
}
