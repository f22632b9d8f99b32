/**
 * `mamori capture live` for real: tcpdump on the loopback of a network namespace this test creates, while a
 * client logs in to a small FTP-like service there in clear. The period is stored as a capture record with the
 * login heard (user name, no password). Needs root and tcpdump, like the other lab suites; traffic stays inside the
 * namespace.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBinary } from '../../src/lab/system.js'
import { cliEnv } from '../helpers/cli.js'
import { exec, REPO_ROOT, testPrefix } from './helpers.js'

const NS = `${testPrefix('c')}-live`
const SERVICE = `
const net = require('node:net')
const server = net.createServer((s) => {
  s.write('220 Analyzer FTP ready\\r\\n')
  s.on('data', (d) => {
    const line = d.toString()
    if (line.startsWith('USER')) s.write('331 Password required\\r\\n')
    else if (line.startsWith('PASS')) s.end('230 Logged in\\r\\n')
  })
})
server.listen(2121, '127.0.0.1', () => {
  let n = 0
  const tick = setInterval(() => {
    const c = net.connect(2121, '127.0.0.1')
    c.on('data', (d) => {
      const t = d.toString()
      if (t.startsWith('220')) c.write('USER labtech\\r\\n')
      else if (t.startsWith('331')) c.write('PASS Not-For-Storage-9\\r\\n')
    })
    c.on('error', () => {})
    if (++n >= 25) { clearInterval(tick); setTimeout(() => process.exit(0), 500) }
  }, 400)
})
`

describe('mamori capture live', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-live-'))

  beforeAll(async () => {
    if (process.getuid?.() !== 0 || !findBinary('tcpdump'))
      throw new Error('capture live needs root and tcpdump (apt-get install tcpdump), like the lab suites')
    await exec(['ip', 'netns', 'add', NS])
    await exec(['ip', '-n', NS, 'link', 'set', 'lo', 'up'])
  })
  afterAll(async () => {
    await exec(['ip', 'netns', 'delete', NS])
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('listens, stores the period, and hears the cleartext login without its password', async () => {
    const env = cliEnv()
    const live = exec(
      [
        'ip',
        'netns',
        'exec',
        NS,
        'env',
        ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
        process.execPath,
        join(REPO_ROOT, 'bin', 'mamori.js'),
        '--data-dir',
        dataDir,
        'capture',
        'live',
        '--interface',
        'lo',
        '--duration',
        '6s',
        '--json',
      ],
      { timeoutMs: 60_000 },
    )
    // Logins go on for ten seconds, longer than the six the capture lasts (whenever tcpdump is up by then).
    const traffic = await exec(['ip', 'netns', 'exec', NS, process.execPath, '-e', SERVICE], { timeoutMs: 30_000 })
    expect(traffic.code, traffic.stderr).toBe(0)
    const r = await live
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.captures).toHaveLength(1)
    expect(out.captures[0]).toMatchObject({ kind: 'live', label: 'live:lo', status: 'completed' })
    expect(out.packets).toBeGreaterThan(20)
    const findings = await exec(
      [
        'env',
        ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
        process.execPath,
        join(REPO_ROOT, 'bin', 'mamori.js'),
        '--data-dir',
        dataDir,
        '--json',
        'findings',
        'list',
      ],
      { timeoutMs: 30_000 },
    )
    expect(findings.stdout).toContain('cleartext-credentials')
    expect(findings.stdout).toContain('labtech')
    expect(findings.stdout).not.toContain('Not-For-Storage-9')
  }, 90_000)
})
