import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline/promises'
import { Writable } from 'node:stream'
import { MamoriError } from '../core/errors.js'

/** The environment variable every console command takes a password from (first admin, reset, new user). */
export const PASSWORD_ENV = 'MAMORI_ADMIN_PASSWORD'

/** 16 URL-safe characters (96 bits): passes the password policy and survives copy and paste. */
export const generatePassword = () => randomBytes(12).toString('base64url')

/** Reads one line from the terminal without echoing it. */
async function askHidden(prompt: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: true })
  try {
    process.stderr.write(prompt)
    muted = true
    return await rl.question('')
  } finally {
    muted = false
    process.stderr.write('\n')
    rl.close()
  }
}

/**
 * A new password for `who`: from MAMORI_ADMIN_PASSWORD, else generated (with `generate`), else asked twice on the
 * terminal. Without a terminal and without either, a clear error instead of a hang.
 */
export async function newPassword(
  who: string,
  opts: { generate: boolean },
): Promise<{ password: string; generated: boolean }> {
  const fromEnv = process.env[PASSWORD_ENV]
  if (fromEnv) return { password: fromEnv, generated: false }
  if (opts.generate) return { password: generatePassword(), generated: true }
  if (!process.stdin.isTTY) {
    throw MamoriError.of('PASSWORD_MISSING', { who, env: PASSWORD_ENV })
  }
  const first = await askHidden(`New password for ${who} (12+ characters) / ${who} の新しいパスワード: `)
  const again = await askHidden('Again / もう一度: ')
  if (first !== again) {
    throw MamoriError.of('PASSWORD_MISMATCH')
  }
  return { password: first, generated: false }
}
