import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

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

/** A password policy in line with the MHLW checklist (令和7): at least 12 characters, not all of one kind. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12)
    return 'The password must have at least 12 characters. / パスワードは12文字以上にしてください。'
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (password.length < 16 && kinds < 2)
    return 'Mix letters with digits or symbols (or use 16+ characters). / 英字に数字や記号を混ぜてください(16文字以上なら不要)。'
  return null
}
