import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { createRequire } from 'node:module'
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

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

/** Why zxcvbn found the password easy, in words a clinical engineer understands (English / Japanese). */
const WEAK_REASONS: Record<string, string> = {
  topTen: 'This is one of the ten most common passwords. / 最もよく使われるパスワードの一つです。',
  topHundred: 'This is one of the hundred most common passwords. / よく使われるパスワード上位100件の一つです。',
  common: 'This is a commonly used password. / よく使われるパスワードです。',
  similarToCommon:
    'This is a commonly used password with small changes (capitals, digits, @ for a…), which attackers try first. / よく使われるパスワードを少し変えただけです（大文字・数字・a→@ など）。攻撃者が最初に試します。',
  straightRow: 'A row of keys on the keyboard is easy to guess. / キーボードの並びは推測されやすいです。',
  keyPattern: 'A keyboard pattern is easy to guess. / キーボードのパターンは推測されやすいです。',
  simpleRepeat: 'Repeated characters (aaa…) are easy to guess. / 同じ文字の繰り返しは推測されやすいです。',
  extendedRepeat: 'Repeated patterns (abcabc…) are easy to guess. / 同じパターンの繰り返しは推測されやすいです。',
  sequences: 'Sequences (abcd, 1234) are easy to guess. / 連続した文字（abcd、1234）は推測されやすいです。',
  recentYears: 'Recent years are easy to guess. / 最近の年は推測されやすいです。',
  dates: 'Dates are easy to guess. / 日付は推測されやすいです。',
  userInputs:
    'The password contains the user name, the display name or "mamori". / ユーザー名・表示名・「mamori」を含んでいます。',
}
const WEAK_DEFAULT =
  'This password is too easy to guess (common words, names, years or keyboard patterns). Use a few unrelated words or a password manager. / 推測されやすいパスワードです（よくある単語・名前・年・キーボードの並び）。無関係な単語をいくつか組み合わせるか、パスワード管理ソフトを使ってください。'

/**
 * A password policy in line with the MHLW checklist (令和7) and NIST SP 800-63B: at least 12 characters, not all
 * of one kind, not the user name, and not a common or easily guessed password. Null when acceptable, else why not
 * (English / Japanese).
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length < 12)
    return 'The password must have at least 12 characters. / パスワードは12文字以上にしてください。'
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (password.length < 16 && kinds < 2)
    return 'Mix letters with digits or symbols (or use 16+ characters). / 英字に数字や記号を混ぜてください(16文字以上なら不要)。'
  const lower = password.normalize('NFKC').toLowerCase()
  const username = context.username?.trim().toLowerCase() ?? ''
  if (username.length >= 3 && lower.includes(username))
    return 'The password must not contain the user name. / パスワードにユーザー名を含めないでください。'
  const inputs = [username, ...(context.displayName ?? '').split(/[\s._@-]+/), 'mamori'].filter((w) => w.length >= 3)
  const result = strength(password, inputs)
  if (result.score >= MIN_SCORE) return null
  return (result.feedback.warning && WEAK_REASONS[result.feedback.warning]) || WEAK_DEFAULT
}
