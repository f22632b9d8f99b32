/**
 * Test certificates made at test time with the openssl CLI (nothing checked in): self-signed, with a chosen
 * RSA key size. Written to a temporary directory that the caller removes.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCertificate {
  key: string
  cert: string
  /** DER bytes of the certificate. */
  der: Buffer
}

/** Creates a self-signed certificate for CN=`cn` with an RSA key of `bits`, valid for `days`. */
export function makeSelfSigned(cn: string, bits: number, days = 2): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-cert-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        `rsa:${bits}`,
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        String(days),
        '-subj',
        `/CN=${cn}`,
      ],
      {
        stdio: 'pipe',
      },
    )
    const der = execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER'], { stdio: ['ignore', 'pipe', 'pipe'] })
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), der }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
