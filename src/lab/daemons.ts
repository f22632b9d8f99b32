import { join } from 'node:path'
import type { LabHost, LabServer } from './topology.js'

/**
 * How to start one lab daemon: the files to write first, the command to run inside the host's namespace and
 * its environment. Pure data, so it can be unit-tested without root; ./runner.ts carries it out.
 *
 * Every config, pid, lock, log and key file lives under the lab's state directory. System configs under /etc
 * are never read or written by the daemons we start (each gets an explicit config path and `-C`-style
 * "no default config" flags where the daemon has one).
 */
export interface DaemonPlan {
  /** `<host>/<kind>`, used for log file names and error messages. */
  id: string
  host: string
  kind: LabServer['kind']
  dirs: string[]
  files: { path: string; content: string; mode?: number }[]
  /** SSH host key to generate with ssh-keygen before start (no key is shipped in the repository). */
  sshHostKey?: string
  /** argv run as `ip netns exec <namespace> …argv`; never a shell string built from values. */
  argv: string[]
  env: Record<string, string>
  /** Combined stdout/stderr of the daemon. */
  logFile: string
}

/** The command that starts the lab's Node servers (src/lab/servers/main.ts), e.g. [node, --import, tsx, main.ts]. */
export type NodeServerCommand = readonly string[]

/**
 * Host directories a daemon might write despite its config; each daemon gets a private copy of every one.
 * Not /tmp: nothing of the lab writes there but tsx's transform cache when the lab's Node servers run from source,
 * and a private, empty /tmp would make every `lab up` recompile them (seconds on a loaded machine).
 */
export const PRIVATE_HOST_DIRS = ['/var/log', '/var/cache', '/var/lib/samba', '/var/lib/snmp'] as const

/**
 * Runs the daemon with a private tmpfs on /run and private copies of PRIVATE_HOST_DIRS (inside the mount
 * namespace `ip netns exec` already creates, whose mounts never propagate back to the host).
 * Why /run: some daemons write fixed paths there (openbsd-inetd always writes /run/inetd.pid; sshd needs
 * /run/sshd; login writes /run/utmp). Why /var/log and the others: Samba's on-demand RPC helpers
 * (samba-dcerpcd → rpcd_*) ignore `log file` and `-l` and open /var/log/samba/log.rpcd_* themselves. Each of those
 * directories is bind-mounted from `<daemon dir>/host/<path>`, so every file a daemon writes stays under the lab's
 * state directory and goes with `lab down`; the host's directories are never touched and two labs run side by side.
 * Consequence: the lab's state directory must not be under /run or one of those directories (hidden from daemons).
 * The script is a constant; the private root ($1) and the daemon's argv are positional parameters, never
 * interpolated.
 */
export const PRIVATE_RUN_SCRIPT = [
  'root="$1"; shift',
  'mount -t tmpfs -o mode=0755,size=4m mamori-lab-run /run || exit 1',
  'mkdir -p -m 0755 /run/sshd || exit 1',
  `for d in ${PRIVATE_HOST_DIRS.join(' ')}; do`,
  '  if [ -d "$d" ]; then mkdir -p "$root$d" && chmod --reference="$d" "$root$d" && mount --bind "$root$d" "$d" || exit 1; fi',
  'done',
  'exec "$@"',
].join('\n')

function withPrivateRun(dir: string, argv: string[]): string[] {
  return ['/bin/sh', '-c', PRIVATE_RUN_SCRIPT, 'mamori-lab-daemon', join(dir, 'host'), ...argv]
}

/** Single-quotes a string for a POSIX shell script we generate (only our own constant banners go through it). */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`
}

/** The daemons of one host, in start order. `stateDir` is the lab's state directory (absolute). */
export function daemonPlans(host: LabHost, stateDir: string, nodeServer: NodeServerCommand): DaemonPlan[] {
  return host.servers.map((server) => planFor(host, server, join(stateDir, host.name), nodeServer))
}

function planFor(host: LabHost, server: LabServer, hostDir: string, nodeServer: NodeServerCommand): DaemonPlan {
  const dir = join(hostDir, server.kind)
  const base = {
    id: `${host.name}/${server.kind}`,
    host: host.name,
    kind: server.kind,
    logFile: join(dir, 'daemon.log'),
  }
  switch (server.kind) {
    case 'storescp':
      // storescp does not check the called AE title at all: that is the planted "accepts any AE title".
      // --ignore receives but never stores data, so nobody can fill the disk through the lab.
      return {
        ...base,
        dirs: [dir],
        files: [],
        argv: withPrivateRun(dir, [
          'storescp',
          '--aetitle',
          server.aeTitle,
          '--fork',
          '--ignore',
          '--output-directory',
          dir,
          String(portOf(host, 'dicom')),
        ]),
        env: {},
      }
    case 'dcmqrscp': {
      // dcmqrscp rejects any called AE title missing from its AETable ("Called AE Title Not Recognized"):
      // the strict PACS, a negative control for dicom-any-aet. No --single-process: it crashes on the second
      // association in DCMTK 3.6.7; the default forks one child per association.
      const db = join(dir, 'db')
      const cfg = join(dir, 'dcmqrscp.cfg')
      return {
        ...base,
        dirs: [dir, db],
        files: [{ path: cfg, content: dcmqrscpConfig(server.aeTitle, db, portOf(host, 'dicom')) }],
        argv: withPrivateRun(dir, [
          'dcmqrscp',
          '--config',
          cfg,
          '--disable-host-lookup',
          String(portOf(host, 'dicom')),
        ]),
        env: {},
      }
    }
    case 'smbd': {
      const conf = join(dir, 'smb.conf')
      const sub = ['lock', 'pid', 'state', 'cache', 'private', 'ncalrpc', 'bind-dns', 'log', 'share'].map((d) =>
        join(dir, d),
      )
      return {
        ...base,
        dirs: [dir, ...sub],
        files: [
          { path: conf, content: smbConfig(server, dir) },
          { path: join(dir, 'share', 'README.txt'), content: 'Mamori training lab: sample analyzer results.\n' },
        ],
        // -l puts smbd's own log in the state dir; the rpcd_* helpers it spawns ignore it (see PRIVATE_RUN_SCRIPT).
        argv: withPrivateRun(dir, ['smbd', '--foreground', '--no-process-group', '-l', join(dir, 'log'), '-s', conf]),
        env: {},
      }
    }
    case 'vsftpd': {
      const conf = join(dir, 'vsftpd.conf')
      const anon = join(dir, 'anon')
      return {
        ...base,
        dirs: [dir, join(dir, 'empty'), anon, join(anon, 'pub')],
        files: [
          { path: conf, content: vsftpdConfig(server.banner, dir) },
          { path: join(anon, 'pub', 'README.txt'), content: 'Mamori training lab: nothing secret here.\n' },
        ],
        argv: withPrivateRun(dir, ['vsftpd', conf]),
        env: {},
      }
    }
    case 'telnetd': {
      const conf = join(dir, 'inetd.conf')
      const login = join(dir, 'lab-login.sh')
      return {
        ...base,
        dirs: [dir],
        files: [
          { path: conf, content: inetdConfig(login) },
          { path: login, content: telnetLoginScript(server.banner), mode: 0o755 },
        ],
        // -i: stay in the foreground so the pid we record is inetd itself.
        argv: withPrivateRun(dir, ['inetd', '-i', conf]),
        env: {},
      }
    }
    case 'snmpd': {
      const conf = join(dir, 'snmpd.conf')
      return {
        ...base,
        dirs: [dir, join(dir, 'persist'), join(dir, 'mibs')],
        files: [{ path: conf, content: snmpdConfig(server, portOf(host, 'snmp')) }],
        // -C: read no default config file (/etc/snmp); -f: foreground. MIBs off: numeric OIDs only, no warnings.
        // -I -smux: no SMUX module, which would otherwise listen on 199/tcp, a port the topology does not declare.
        argv: withPrivateRun(dir, [
          'snmpd',
          '-f',
          '-Lo',
          '-C',
          '-c',
          conf,
          '-p',
          join(dir, 'snmpd.pid'),
          '-I',
          '-smux',
        ]),
        env: { SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '', MIBDIRS: join(dir, 'mibs') },
      }
    }
    case 'sshd': {
      const conf = join(dir, 'sshd_config')
      const key = join(dir, 'ssh_host_ed25519_key')
      return {
        ...base,
        dirs: [dir],
        files: [{ path: conf, content: sshdConfig(server.versionAddendum, key, dir, portOf(host, 'ssh')) }],
        sshHostKey: key,
        argv: withPrivateRun(dir, ['/usr/sbin/sshd', '-D', '-e', '-f', conf]),
        env: {},
      }
    }
    case 'http-admin':
    case 'hl7-mllp': {
      const conf = join(dir, 'server.json')
      const port = portOf(host, server.kind === 'http-admin' ? 'http' : 'hl7-mllp')
      return {
        ...base,
        dirs: [dir],
        files: [{ path: conf, content: `${JSON.stringify({ ...server, port }, null, 2)}\n` }],
        argv: withPrivateRun(dir, [...nodeServer, server.kind, conf]),
        env: {},
      }
    }
  }
}

function portOf(host: LabHost, service: string): number {
  const p = host.ports.find((x) => x.service === service)
  if (!p) throw new Error(`Lab host ${host.name} declares no "${service}" port in src/lab/topology.ts.`)
  return p.port
}

/** dcmqrscp.cfg: one storage area whose AE title is the only one accepted; any calling AE and host (ANY). */
export function dcmqrscpConfig(aeTitle: string, dbDir: string, port: number): string {
  return [
    '# Generated by mamori lab: the strict PACS (called AE title must match).',
    `NetworkTCPPort  = ${port}`,
    'MaxPDUSize      = 16384',
    'MaxAssociations = 16',
    'HostTable BEGIN',
    'HostTable END',
    'VendorTable BEGIN',
    'VendorTable END',
    'AETable BEGIN',
    `${aeTitle} ${dbDir} R (20, 64mb) ANY`,
    'AETable END',
    '',
  ].join('\n')
}

/** smb.conf for a standalone server whose every state path is under `dir` (nothing in /var/lib/samba). */
export function smbConfig(server: Extract<LabServer, { kind: 'smbd' }>, dir: string): string {
  const p = (d: string) => join(dir, d)
  return [
    '# Generated by mamori lab.',
    '[global]',
    '  workgroup = MAMORILAB',
    `  netbios name = ${server.netbiosName}`,
    `  server string = ${server.serverString}`,
    '  server role = standalone server',
    `  server min protocol = ${server.minProtocol}`,
    `  smb ports = ${server.smbPorts.join(' ')}`,
    '  map to guest = Bad User',
    '  disable netbios = yes',
    '  load printers = no',
    '  printing = bsd',
    '  printcap name = /dev/null',
    '  disable spoolss = yes',
    '  hostname lookups = no',
    `  lock directory = ${p('lock')}`,
    `  pid directory = ${p('pid')}`,
    `  state directory = ${p('state')}`,
    `  cache directory = ${p('cache')}`,
    `  private dir = ${p('private')}`,
    `  ncalrpc dir = ${p('ncalrpc')}`,
    `  binddns dir = ${p('bind-dns')}`,
    `  passdb backend = tdbsam:${p('private/passdb.tdb')}`,
    `  log file = ${p('log/log.%m')}`,
    '  max log size = 200',
    '',
    '[results]',
    `  path = ${p('share')}`,
    '  read only = yes',
    '  guest ok = yes',
    '',
  ].join('\n')
}

/**
 * vsftpd.conf: anonymous read-only FTP (planted), no TLS (planted). Anonymous users are chrooted into `anon`
 * and can never write. listen_ipv6 with listen=NO serves IPv4 and IPv6 on one socket.
 */
export function vsftpdConfig(banner: string, dir: string): string {
  return [
    '# Generated by mamori lab.',
    'listen=NO',
    'listen_ipv6=YES',
    'background=NO',
    'anonymous_enable=YES',
    `anon_root=${join(dir, 'anon')}`,
    'local_enable=NO',
    'write_enable=NO',
    'anon_upload_enable=NO',
    'anon_mkdir_write_enable=NO',
    `ftpd_banner=${banner}`,
    `secure_chroot_dir=${join(dir, 'empty')}`,
    'xferlog_enable=NO',
    `vsftpd_log_file=${join(dir, 'vsftpd.log')}`,
    'ssl_enable=NO',
    'seccomp_sandbox=NO',
    '',
  ].join('\n')
}

/**
 * inetd.conf: telnet on IPv4 and IPv6 (two lines, as openbsd-inetd binds one socket per line). telnetd runs
 * our refusing login script (-E) instead of /bin/login, so the lab shows a real login prompt but nobody can
 * ever get a shell on the machine that hosts it.
 */
export function inetdConfig(loginScript: string): string {
  return [
    '# Generated by mamori lab.',
    `telnet stream tcp nowait root /usr/sbin/telnetd telnetd -h -E ${loginScript}`,
    `telnet stream tcp6 nowait root /usr/sbin/telnetd telnetd -h -E ${loginScript}`,
    '',
  ].join('\n')
}

/** The login program telnetd runs: prints the banner, asks for a user and password, always refuses. */
export function telnetLoginScript(banner: string): string {
  return [
    '#!/bin/sh',
    '# Generated by mamori lab: a login prompt that always refuses (no shell is ever started).',
    `printf '\\r\\n%s\\r\\n\\r\\n' ${shellQuote(banner)}`,
    'n=0',
    'while [ "$n" -lt 3 ]; do',
    "  printf 'login: '",
    '  read -r user || exit 0',
    "  printf 'Password: '",
    '  read -r pass || exit 0',
    '  sleep 1',
    "  printf '\\r\\nLogin incorrect\\r\\n'",
    '  n=$((n + 1))',
    'done',
    '',
  ].join('\n')
}

/**
 * snmpd.conf: read-only community (planted "public") limited to the system and interfaces subtrees, so the
 * lab never exposes the host's process table or file systems through HOST-RESOURCES-MIB.
 */
export function snmpdConfig(server: Extract<LabServer, { kind: 'snmpd' }>, port: number): string {
  return [
    '# Generated by mamori lab.',
    `agentaddress udp:${port},udp6:${port}`,
    'view labview included .1.3.6.1.2.1.1',
    'view labview included .1.3.6.1.2.1.2',
    `rocommunity ${server.community} default -V labview`,
    `rocommunity6 ${server.community} default -V labview`,
    `sysdescr ${server.sysDescr}`,
    `sysname ${server.sysName}`,
    `syslocation ${server.sysLocation}`,
    `syscontact ${server.sysContact}`,
    `sysobjectid ${server.sysObjectId}`,
    'sysservices 72',
    '',
  ].join('\n')
}

/** sshd_config: banner only. Public keys only and no authorized keys anywhere, so no login can succeed. */
export function sshdConfig(versionAddendum: string, hostKey: string, dir: string, port: number): string {
  return [
    '# Generated by mamori lab: shows a real SSH banner; no one can log in.',
    `Port ${port}`,
    'ListenAddress 0.0.0.0',
    'ListenAddress ::',
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'PermitRootLogin no',
    'AuthenticationMethods publickey',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'AuthorizedKeysFile none',
    'UsePAM no',
    'UseDNS no',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    `VersionAddendum ${versionAddendum}`,
    '',
  ].join('\n')
}
