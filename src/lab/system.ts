import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'
import { MamoriError } from '../core/errors.js'

/**
 * The few system facts the lab needs: are we root, which binaries exist, and a promise-based execFile. Every
 * command is an argv array (execFile, no shell), so no value is ever parsed by a shell.
 */

/** PATH handed to everything the lab starts, so daemons are found whatever the caller's PATH is. */
export const LAB_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** A binary the lab runs and the Debian package that provides it (shown when it is missing). */
export interface LabRequirement {
  binary: string
  debianPackage: string
  usedFor: string
}

export const LAB_REQUIREMENTS: readonly LabRequirement[] = [
  { binary: 'ip', debianPackage: 'iproute2', usedFor: 'network namespaces, bridge and veth pairs' },
  { binary: 'mount', debianPackage: 'mount', usedFor: 'a private /run for each daemon' },
  { binary: 'storescp', debianPackage: 'dcmtk', usedFor: 'ct-modality (DICOM storage SCP)' },
  { binary: 'dcmqrscp', debianPackage: 'dcmtk', usedFor: 'pacs (DICOM query/retrieve SCP)' },
  { binary: 'smbd', debianPackage: 'samba', usedFor: 'lab-analyzer-smb1 and file-server-smb3' },
  { binary: 'vsftpd', debianPackage: 'vsftpd', usedFor: 'legacy-workstation (FTP)' },
  { binary: 'inetd', debianPackage: 'openbsd-inetd', usedFor: 'legacy-workstation (runs telnetd)' },
  { binary: '/usr/sbin/telnetd', debianPackage: 'inetutils-telnetd', usedFor: 'legacy-workstation (Telnet)' },
  { binary: 'snmpd', debianPackage: 'snmpd', usedFor: 'monitor-gateway (SNMP)' },
  { binary: '/usr/sbin/sshd', debianPackage: 'openssh-server', usedFor: 'remote-maint (SSH)' },
  { binary: 'ssh-keygen', debianPackage: 'openssh-client', usedFor: 'the SSH host key of remote-maint' },
]

/** What `mamori lab traffic` runs as clients (and records with), beyond the lab itself. */
export const LAB_TRAFFIC_REQUIREMENTS: readonly LabRequirement[] = [
  { binary: 'ip', debianPackage: 'iproute2', usedFor: 'the workstation namespace' },
  { binary: 'tc', debianPackage: 'iproute2', usedFor: 'the mirror port (tc mirred)' },
  { binary: 'echoscu', debianPackage: 'dcmtk', usedFor: 'DICOM echo from the workstation' },
  { binary: 'storescu', debianPackage: 'dcmtk', usedFor: 'the CT sending an image to the PACS' },
  { binary: 'dump2dcm', debianPackage: 'dcmtk', usedFor: 'the fictional CT image' },
  { binary: 'smbclient', debianPackage: 'smbclient', usedFor: 'SMB1 and SMB3 share lists' },
  { binary: 'snmpget', debianPackage: 'snmp', usedFor: 'SNMP polling of the monitor gateway' },
  { binary: 'curl', debianPackage: 'curl', usedFor: 'the infusion server admin page' },
  { binary: 'busybox', debianPackage: 'busybox', usedFor: 'the DHCP client (udhcpc)' },
  { binary: 'tcpdump', debianPackage: 'tcpdump', usedFor: 'recording the mirror port (--capture)' },
]

/** Absolute path of `binary` (searched in PATH and LAB_PATH), or null when it is not installed. */
export function findBinary(binary: string, path: string = process.env.PATH ?? ''): string | null {
  const candidates = isAbsolute(binary)
    ? [binary]
    : [...new Set([...path.split(delimiter), ...LAB_PATH.split(':')])].filter(Boolean).map((d) => join(d, binary))
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK)
      return c
    } catch {
      // not here; try the next directory
    }
  }
  return null
}

/** Requirements whose binary is missing. */
export function missingRequirements(reqs: readonly LabRequirement[] = LAB_REQUIREMENTS): LabRequirement[] {
  return reqs.filter((r) => findBinary(r.binary) === null)
}

/**
 * Throws a MamoriError (status 403 → exit code "refused") when the lab cannot run here: not root, or a binary
 * missing. The message names the Debian packages to install.
 */
export function assertLabPrerequisites(opts: {
  needDaemons: boolean
  /** For tests: the requirements to check (default LAB_REQUIREMENTS) and the uid to assume. */
  requirements?: readonly LabRequirement[]
  uid?: number
}): void {
  const uid = opts.uid ?? (typeof process.getuid === 'function' ? process.getuid() : -1)
  if (uid !== 0) {
    throw MamoriError.of('LAB_NOT_ROOT')
  }
  const reqs = opts.requirements ?? LAB_REQUIREMENTS
  const missing = missingRequirements(opts.needDaemons ? reqs : reqs.filter((r) => r.binary === 'ip'))
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((m) => m.debianPackage))]
    throw MamoriError.of(
      'LAB_MISSING_BINARY',
      { missing: missing.map((m) => m.binary).join(', '), packages: pkgs.join(' ') },
      missing.map((m) => ({
        where: m.binary,
        message: `missing; Debian package "${m.debianPackage}" provides it (used for ${m.usedFor})`,
      })),
    )
  }
}

/** Runs `file args…` without a shell; resolves with stdout, rejects with an Error that includes stderr. */
export function run(file: string, args: readonly string[], opts: { timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { timeout: opts.timeoutMs ?? 15_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, PATH: LAB_PATH } },
      (err, stdout, stderr) => {
        if (err) {
          // Long arguments (the port checker's JSON) would drown the actual reason: shorten them.
          const command = [file, ...args].map((a) => (a.length > 80 ? `${a.slice(0, 77)}...` : a)).join(' ')
          const detail =
            String(stderr).trim() || (err.killed ? `timed out after ${opts.timeoutMs ?? 15_000} ms` : err.message)
          reject(new Error(`${command}: ${detail}`))
        } else {
          resolve(String(stdout))
        }
      },
    )
  })
}

/** True when a process with this pid exists (signal 0 probes without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM means it exists but belongs to someone else.
    return err instanceof Error && 'code' in err && err.code === 'EPERM'
  }
}
