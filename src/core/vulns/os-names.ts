/**
 * Operating systems as hospital ledgers write them, and the CPE 2.3 names the NVD gives them (data, for
 * `candidate-cpes.ts`). Each row reads the ledger text with a pattern and returns the CPE product, version and
 * update fields; the first row that fits wins, so specific rows come before general ones. The NVD's own spellings:
 * `windows_7:-:sp1`, `windows_server_2008:r2:sp1`, `windows_10_1809:-` (one product per Windows 10 release),
 * `linux_kernel:<version>`, `vxworks:<version>`.
 */

export interface OsRow {
  /** What the row recognises, for the explanation ("Windows 7"). */
  label: string
  pattern: RegExp
  vendor: string
  /** CPE product, version and update from the pattern's groups. */
  cpe(m: RegExpExecArray): { product: string; version: string; update: string }
}

const sp = (m: RegExpExecArray, i: number) => (m[i] ? `sp${m[i]}` : '*')

export const OS_NAMES: readonly OsRow[] = [
  {
    label: 'Windows XP',
    pattern: /\bwin(?:dows)?\s*xp\b(?:.*?\bsp\s*(\d))?/i,
    vendor: 'microsoft',
    cpe: (m) => ({ product: 'windows_xp', version: '-', update: sp(m, 1) }),
  },
  {
    label: 'Windows Embedded Standard 7',
    pattern: /\bwin(?:dows)?\s*embedded\s*(?:standard\s*)?7\b(?:.*?\bsp\s*(\d))?/i,
    vendor: 'microsoft',
    cpe: (m) => ({ product: 'windows_embedded_standard_7', version: '-', update: sp(m, 1) }),
  },
  {
    label: 'Windows Server',
    pattern: /\bwin(?:dows)?\s*server\s*(2003|2008|2012|2016|2019|2022|2025)\b(?:\s*(r2))?(?:.*?\bsp\s*(\d))?/i,
    vendor: 'microsoft',
    cpe: (m) => ({
      product: `windows_server_${m[1]}`,
      version: m[2] ? 'r2' : '-',
      update: sp(m, 3),
    }),
  },
  {
    label: 'Windows 10/11',
    pattern: /\bwin(?:dows)?\s*(10|11)\b(?:.*?\b(1[5-9]\d\d|2[0-4]h[12]|2[0-9]h[12])\b)?/i,
    vendor: 'microsoft',
    cpe: (m) => ({
      product: m[2] ? `windows_${m[1]}_${m[2].toLowerCase()}` : `windows_${m[1]}`,
      version: '-',
      update: '*',
    }),
  },
  {
    label: 'Windows 7/8/8.1/Vista/2000',
    pattern: /\bwin(?:dows)?\s*(7|8\.1|8|vista|2000)\b(?:.*?\bsp\s*(\d))?/i,
    vendor: 'microsoft',
    cpe: (m) => ({ product: `windows_${m[1]!.toLowerCase()}`, version: '-', update: sp(m, 2) }),
  },
  {
    label: 'VxWorks',
    pattern: /\bvx\s*works\b\s*v?(\d+(?:\.\d+)*)?/i,
    vendor: 'windriver',
    cpe: (m) => ({ product: 'vxworks', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'QNX',
    pattern: /\bqnx\b(?:\s*neutrino)?(?:\s*(?:rtos|sdp))?\s*v?(\d+(?:\.\d+)*)?/i,
    vendor: 'blackberry',
    cpe: (m) => ({ product: 'qnx_neutrino_rtos', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'Ubuntu',
    pattern: /\bubuntu\b\s*(\d{2}\.\d{2})?/i,
    vendor: 'canonical',
    cpe: (m) => ({ product: 'ubuntu_linux', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'Red Hat Enterprise Linux',
    pattern: /\b(?:red\s*hat\s*enterprise\s*linux|rhel)\b\s*(\d+(?:\.\d+)?)?/i,
    vendor: 'redhat',
    cpe: (m) => ({ product: 'enterprise_linux', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'CentOS',
    pattern: /\bcentos\b\s*(\d+(?:\.\d+)?)?/i,
    vendor: 'centos',
    cpe: (m) => ({ product: 'centos', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'Debian',
    pattern: /\bdebian\b\s*(\d+(?:\.\d+)?)?/i,
    vendor: 'debian',
    cpe: (m) => ({ product: 'debian_linux', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'Android',
    pattern: /\bandroid\b\s*(\d+(?:\.\d+)*)?/i,
    vendor: 'google',
    cpe: (m) => ({ product: 'android', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'macOS',
    pattern: /\bmac\s*os(?:\s*x)?\b\s*(\d+(?:\.\d+)*)?/i,
    vendor: 'apple',
    cpe: (m) => ({ product: 'macos', version: m[1] ?? '*', update: '*' }),
  },
  {
    label: 'Linux',
    pattern: /\blinux\b(?:\s*(?:kernel)?\s*v?(\d+\.\d+(?:\.\d+)*))?/i,
    vendor: 'linux',
    cpe: (m) => ({ product: 'linux_kernel', version: m[1] ?? '*', update: '*' }),
  },
]
