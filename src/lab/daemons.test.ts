import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { daemonPlans, PRIVATE_RUN_SCRIPT, shellQuote, telnetLoginScript } from './daemons.js'
import { labTopology } from './topology.js'

const STATE = '/var/lib/mamori-lab/unit'
const NODE = ['/usr/bin/node', '/x/servers/main.js']
const topo = labTopology('unit')
const host = (name: string) => {
  const h = topo.hosts.find((x) => x.name === name)
  if (!h) throw new Error(name)
  return h
}
const plans = (name: string) => daemonPlans(host(name), STATE, NODE)
const fileOf = (name: string, suffix: string) => {
  const f = plans(name)
    .flatMap((p) => p.files)
    .find((x) => x.path.endsWith(suffix))
  if (!f) throw new Error(`${name}: no ${suffix}`)
  return f.content
}

describe('lab daemon plans', () => {
  it('plans one daemon per server, every path inside the host state dir', () => {
    for (const h of topo.hosts) {
      const ps = daemonPlans(h, STATE, NODE)
      expect(ps).toHaveLength(h.servers.length)
      for (const p of ps) {
        for (const path of [...p.dirs, ...p.files.map((f) => f.path), p.logFile, p.sshHostKey ?? p.logFile]) {
          expect(path.startsWith(`${STATE}/${h.name}/`), `${p.id}: ${path}`).toBe(true)
        }
      }
    }
  })

  it('runs every daemon through the constant private-/run wrapper, values only as argv', () => {
    for (const h of topo.hosts) {
      for (const p of daemonPlans(h, STATE, NODE)) {
        expect(p.argv.slice(0, 4)).toEqual(['/bin/sh', '-c', PRIVATE_RUN_SCRIPT, 'mamori-lab-daemon'])
        expect(p.argv[2]).not.toContain(STATE)
        // The private copies of /var/log, /tmp… live in the daemon's own directory, so `lab down` removes them.
        expect(p.argv[4]).toBe(`${STATE}/${h.name}/${p.kind}/host`)
      }
    }
  })

  it('enables SMBv1 only on the analyzer', () => {
    expect(fileOf('lab-analyzer-smb1', 'smb.conf')).toMatch(/server min protocol = NT1/)
    expect(fileOf('file-server-smb3', 'smb.conf')).toMatch(/server min protocol = SMB2_10/)
    expect(fileOf('file-server-smb3', 'smb.conf')).toMatch(/smb ports = 445\n/)
    // Nothing may fall back to Samba's system directories.
    expect(fileOf('lab-analyzer-smb1', 'smb.conf')).not.toMatch(/\/var\/(lib|cache|log|run)\/samba/)
  })

  it('makes the PACS strict and the modality permissive', () => {
    const pacs = fileOf('pacs', 'dcmqrscp.cfg')
    expect(pacs).toMatch(/^PACS_ARCHIVE \/var\/lib\/mamori-lab\/unit\/pacs\/dcmqrscp\/db R /m)
    expect(pacs).toMatch(/NetworkTCPPort\s+= 11112/)
    const ct = plans('ct-modality')[0]
    expect(ct?.argv).toEqual(expect.arrayContaining(['storescp', '--ignore', '104']))
  })

  it('plants anonymous FTP without TLS, telnet with a refusing login, SNMP public', () => {
    const ftp = fileOf('legacy-workstation', 'vsftpd.conf')
    expect(ftp).toMatch(/^anonymous_enable=YES$/m)
    expect(ftp).toMatch(/^write_enable=NO$/m)
    expect(ftp).toMatch(/^ssl_enable=NO$/m)
    const inetd = fileOf('legacy-workstation', 'inetd.conf')
    expect(
      inetd.match(/^telnet stream tcp6? nowait root \/usr\/sbin\/telnetd telnetd -h -E \S+lab-login\.sh$/gm),
    ).toHaveLength(2)
    const snmp = fileOf('monitor-gateway', 'snmpd.conf')
    expect(snmp).toMatch(/^rocommunity public default -V labview$/m)
    expect(snmp).not.toMatch(/rwcommunity/)
    const ssh = fileOf('remote-maint', 'sshd_config')
    expect(ssh).toMatch(/^PasswordAuthentication no$/m)
    expect(ssh).toMatch(/^AuthorizedKeysFile none$/m)
  })

  it('starts the Node servers with their JSON config', () => {
    const [p] = plans('hl7-gateway')
    expect(p?.argv.slice(5)).toEqual([...NODE, 'hl7-mllp', `${STATE}/hl7-gateway/hl7-mllp/server.json`])
    const conf = JSON.parse(fileOf('hl7-gateway', 'server.json'))
    expect(conf).toMatchObject({ port: 2575, sendingApplication: 'VITALLINK' })
  })

  it('quotes banners for the generated shell script', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    // Run the generated login script with a hostile banner: the banner is printed verbatim, never executed.
    const dir = mkdtempSync(join(tmpdir(), 'mamori-lab-login-'))
    try {
      const script = join(dir, 'login.sh')
      writeFileSync(script, telnetLoginScript("x'; touch pwned; echo '$(id)"), { mode: 0o755 })
      const out = execFileSync('/bin/sh', [script], { cwd: dir, input: 'alice\nsecret\n', timeout: 5000 }).toString()
      expect(out).toContain("x'; touch pwned; echo '$(id)")
      expect(out).toContain('login: ')
      expect(out).toContain('Login incorrect')
      expect(() => execFileSync('test', ['-e', join(dir, 'pwned')])).toThrow()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
