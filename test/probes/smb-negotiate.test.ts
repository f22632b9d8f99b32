import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { smbNegotiate } from '../../src/probes/smb-negotiate.js'
import { startFakeSmb } from '../fakes/smb-server.js'
import { closedPort, type FakeServer } from '../fakes/tcp-server.js'
import { hasProgram, requireProgram, target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let server: FakeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('smb-negotiate (fake server)', () => {
  it('flags SMBv1 and reads the domain and server name', async () => {
    server = await startFakeSmb({ smb1: true })
    const r = await smbNegotiate.run(target(server.port), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        smbv1: true,
        smb1Dialect: 'NT LM 0.12',
        domain: 'HOSPITAL',
        serverName: 'LABFILES',
        smb2Supported: true,
        smb2Dialect: '3.1.1',
        signingRequired: false,
      },
    })
    expect(server.connections).toBe(2)
  })

  it.each(['no-dialect', 'close'] as const)('does not flag SMBv1 when it is refused (%s)', async (refuse) => {
    server = await startFakeSmb({ smb1: false, refuse })
    const r = await smbNegotiate.run(target(server.port), loopbackContext())
    // SMB2 only: names and version come from the NTLM challenge of the SESSION_SETUP.
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        smbv1: false,
        smb1Dialect: null,
        smb2Dialect: '3.1.1',
        serverName: 'XRAY-WS01',
        domain: 'RADIOLOGY',
        os: 'Windows 7 / Server 2008 R2 (build 7601)',
      },
    })
  })
})

/** Starts smbd on 127.0.0.1:<port> with a throw-away configuration. Needs root (smbd checks its uid). */
async function startSamba(minProtocol: string): Promise<{ port: number; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-smb-'))
  for (const d of ['lock', 'state', 'cache', 'private', 'pid', 'share', 'logs']) mkdirSync(join(dir, d))
  const port = await closedPort()
  writeFileSync(
    join(dir, 'smb.conf'),
    [
      '[global]',
      'server role = standalone server',
      'workgroup = HOSPITAL',
      'netbios name = LABFILES',
      'interfaces = lo',
      'bind interfaces only = yes',
      `smb ports = ${port}`,
      `server min protocol = ${minProtocol}`,
      ...['lock directory', 'state directory', 'cache directory', 'private dir', 'pid directory', 'ncalrpc dir'].map(
        (k, i) => `${k} = ${join(dir, ['lock', 'state', 'cache', 'private', 'pid', 'ncalrpc'][i]!)}`,
      ),
      `log file = ${join(dir, 'log')}`,
      'disable spoolss = yes',
      'load printers = no',
      '[share]',
      `path = ${join(dir, 'share')}`,
    ].join('\n'),
  )
  // detached: its own session and process group (smbd signals its whole group when it shuts down, which must
  // not include vitest); --no-process-group: smbd must not try to create that session itself. -l: smbd opens
  // <log dir>/log.smbd before it reads `log file`, and the default log dir is the host's /var/log/samba.
  const child: ChildProcess = spawn(
    'smbd',
    ['-F', '--no-process-group', '-l', join(dir, 'logs'), `--configfile=${join(dir, 'smb.conf')}`],
    {
      stdio: 'ignore',
      detached: true,
    },
  )
  return {
    port,
    stop() {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM')
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const hostSambaLogs = (): string[] => (existsSync('/var/log/samba') ? readdirSync('/var/log/samba') : [])

describe('smb-negotiate (real Samba)', () => {
  const hostLogsBefore = hostSambaLogs()
  const canRunSamba = async (): Promise<boolean> => (await hasProgram('smbd')) && process.getuid?.() === 0

  it.each([
    ['NT1', true],
    ['SMB2_02', false],
  ] as const)('server min protocol = %s → smbv1 %s', async (minProtocol, smbv1) => {
    if (!requireProgram(await canRunSamba(), 'samba smbd (run as root)', 'apt-get install samba')) return
    const samba = await startSamba(minProtocol)
    try {
      let r = await smbNegotiate.run(target(samba.port), loopbackContext())
      for (let i = 0; i < 50 && r.kind === 'unreachable'; i++) {
        await new Promise((res) => setTimeout(res, 100))
        r = await smbNegotiate.run(target(samba.port), loopbackContext())
      }
      expect(r.kind).toBe('observed')
      if (r.kind !== 'observed') return
      expect(r.facts.smbv1).toBe(smbv1)
      expect(r.facts.smb2Supported).toBe(true)
      expect(r.facts.smb2Dialect).toBe('3.1.1')
      // Names come from SMB1's negotiate (workgroup) or, SMB2-only, from the NTLM challenge (a standalone
      // server's account domain is its own name); Samba reports NTLM version 6.1.0.
      expect(r.facts).toMatchObject({ domain: smbv1 ? 'HOSPITAL' : 'LABFILES', serverName: 'LABFILES' })
      expect(r.facts.os).toMatch(/build 0: Samba/)
    } finally {
      samba.stop()
    }
    // Everything smbd wrote stayed in its throw-away directory: nothing new in the host's Samba log directory.
    expect(hostSambaLogs().filter((f) => !hostLogsBefore.includes(f))).toEqual([])
  })
})
