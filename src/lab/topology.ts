/**
 * The training hospital ("the lab") as data: which simulated devices exist, their addresses, vendor MACs, the
 * ports that must answer and the weaknesses planted on purpose. The runner (./runner.ts) builds exactly this,
 * the lab tests and the benchmarks assert against it, and docs/LAB.md describes it for hospitals.
 *
 * Addresses exist only inside the lab's own network namespaces: the root namespace gets no interface and no
 * route into 10.77.0.0/24 or fd77::/64, so a scan of the lab never leaves the machine.
 */

import { MamoriError } from '../core/errors.js'

export type LabTransport = 'tcp' | 'udp'
export type LabFamily = 'ipv4' | 'ipv6'

/** One port a lab host must answer on once `mamori lab up` returns. */
export interface LabPort {
  port: number
  transport: LabTransport
  /** Service name as a scanner should name it ('dicom', 'smb', 'ftp', …). */
  service: string
  /** Address families the daemon listens on (DCMTK's servers speak IPv4 only, like many real modalities). */
  families: readonly LabFamily[]
}

/**
 * A weakness planted on purpose. `ruleId` is the finding rule a scan must raise for it (the ids of
 * src/discovery's finding rules); `port` is where the evidence comes from.
 */
export interface PlantedWeakness {
  ruleId: string
  port: number
  transport: LabTransport
  /** Why this is a weakness, in plain words (shown in docs/LAB.md and `mamori lab up`). */
  why: string
}

/** The real Debian daemon (or small Node server) that plays a device, with the values it presents. */
export type LabServer =
  | { kind: 'storescp'; aeTitle: string }
  | { kind: 'dcmqrscp'; aeTitle: string }
  | {
      kind: 'smbd'
      /** `server min protocol` in smb.conf: NT1 keeps SMBv1 (CIFS) enabled; SMB2_10 turns it off. */
      minProtocol: 'NT1' | 'SMB2_10'
      netbiosName: string
      serverString: string
      smbPorts: readonly number[]
    }
  | { kind: 'vsftpd'; banner: string }
  | { kind: 'telnetd'; banner: string }
  | {
      kind: 'snmpd'
      community: string
      sysDescr: string
      sysName: string
      sysLocation: string
      sysContact: string
      sysObjectId: string
    }
  | { kind: 'sshd'; versionAddendum: string }
  | { kind: 'http-admin'; title: string; serverHeader: string }
  | { kind: 'hl7-mllp'; sendingApplication: string; sendingFacility: string }

/** A simulated device, before the namespace prefix is applied. */
export interface LabHostSpec {
  /** Short stable name, also the suffix of its namespace (`mamori-lab-<name>`). */
  name: string
  /** What it pretends to be, Japanese and English. */
  roleJa: string
  roleEn: string
  /** Organisation name exactly as the IEEE OUI registry (oui-data) lists it for `oui`. */
  vendor: string
  /** IEEE OUI (6 hex digits, upper case) of a real medical-device maker; the MAC starts with it. */
  oui: string
  mac: string
  ipv4: string
  ipv6: string
  ports: readonly LabPort[]
  planted: readonly PlantedWeakness[]
  servers: readonly LabServer[]
}

/** A lab host with its namespace name resolved. */
export interface LabHost extends LabHostSpec {
  namespace: string
  /** Name of the veth end that stays in the scanner namespace, enslaved to the bridge. */
  bridgePort: string
}

/** The scanner namespace: it holds the bridge and is where scans of the lab run. */
export interface LabScanner {
  namespace: string
  bridge: string
  ipv4: string
  ipv6: string
  /** CIDR of the lab's IPv4 and IPv6 segments. */
  cidr4: string
  cidr6: string
}

export interface LabTopology {
  prefix: string
  scanner: LabScanner
  hosts: LabHost[]
}

/** Default namespace prefix: the scanner namespace is `mamori-lab`, each device `mamori-lab-<name>`. */
export const DEFAULT_LAB_PREFIX = 'mamori-lab'

const CIDR4 = '10.77.0.0/24'
const CIDR6 = 'fd77::/64'

const v4 = (octet: number) => `10.77.0.${octet}`
/** fd77::<same digits as the IPv4 octet>, e.g. 10.77.0.10 ↔ fd77::10, so the two are easy to pair by eye. */
const v6 = (octet: number) => `fd77::${octet}`
/** Vendor OUI + 4d:00:<last octet>, so a MAC tells which lab address it belongs to (0x4d = 77). */
const mac = (oui: string, octet: number) =>
  `${oui.slice(0, 2)}:${oui.slice(2, 4)}:${oui.slice(4, 6)}:4d:00:${octet.toString(16).padStart(2, '0')}`.toLowerCase()

const BOTH: readonly LabFamily[] = ['ipv4', 'ipv6']
const V4_ONLY: readonly LabFamily[] = ['ipv4']

/**
 * The simulated devices. Order is the display order. Hosts without planted weaknesses (pacs, file-server-smb3,
 * remote-maint, hl7-gateway) are the negative controls: a scan must not flag them for the planted rules.
 */
export const LAB_HOSTS: readonly LabHostSpec[] = [
  {
    name: 'ct-modality',
    roleJa: 'CT 装置（DICOM ストレージ SCP）',
    roleEn: 'CT scanner (DICOM storage SCP)',
    vendor: 'GE Healthcare',
    oui: '444B5D',
    mac: mac('444B5D', 10),
    ipv4: v4(10),
    ipv6: v6(10),
    ports: [{ port: 104, transport: 'tcp', service: 'dicom', families: V4_ONLY }],
    planted: [
      {
        ruleId: 'dicom-any-aet',
        port: 104,
        transport: 'tcp',
        why: 'storescp accepts an association for any called AE title, so anyone on the segment can send images.',
      },
    ],
    servers: [{ kind: 'storescp', aeTitle: 'CT_SCANNER01' }],
  },
  {
    name: 'pacs',
    roleJa: '画像サーバ PACS（DICOM Q/R SCP）',
    roleEn: 'PACS image archive (DICOM query/retrieve SCP)',
    vendor: 'FUJIFILM Corporation',
    oui: '88B436',
    mac: mac('88B436', 11),
    ipv4: v4(11),
    ipv6: v6(11),
    ports: [{ port: 11112, transport: 'tcp', service: 'dicom', families: V4_ONLY }],
    planted: [],
    servers: [{ kind: 'dcmqrscp', aeTitle: 'PACS_ARCHIVE' }],
  },
  {
    name: 'lab-analyzer-smb1',
    roleJa: '検体検査装置のデータ端末（SMBv1 有効）',
    roleEn: 'Laboratory analyzer data station (SMBv1 enabled)',
    vendor: 'Sysmex Corporation',
    oui: '00066B',
    mac: mac('00066B', 20),
    ipv4: v4(20),
    ipv6: v6(20),
    ports: [
      { port: 139, transport: 'tcp', service: 'netbios-ssn', families: BOTH },
      { port: 445, transport: 'tcp', service: 'smb', families: BOTH },
    ],
    planted: [
      {
        ruleId: 'smbv1-enabled',
        port: 445,
        transport: 'tcp',
        why: 'smbd runs with "server min protocol = NT1": SMBv1 (CIFS), the protocol WannaCry spread through, is accepted.',
      },
    ],
    servers: [
      {
        kind: 'smbd',
        minProtocol: 'NT1',
        netbiosName: 'XN-DATASTN',
        serverString: 'Analyzer data station',
        smbPorts: [445, 139],
      },
    ],
  },
  {
    name: 'file-server-smb3',
    roleJa: '部門ファイルサーバ（SMB2/3 のみ）',
    roleEn: 'Department file server (SMB2/3 only)',
    vendor: 'Siemens Healthcare Diagnostics, Inc',
    oui: '20E791',
    mac: mac('20E791', 21),
    ipv4: v4(21),
    ipv6: v6(21),
    ports: [{ port: 445, transport: 'tcp', service: 'smb', families: BOTH }],
    planted: [],
    servers: [
      {
        kind: 'smbd',
        minProtocol: 'SMB2_10',
        netbiosName: 'DEPT-FILES',
        serverString: 'Department file server',
        smbPorts: [445],
      },
    ],
  },
  {
    name: 'legacy-workstation',
    roleJa: '旧型の画像ワークステーション（FTP・Telnet）',
    roleEn: 'Legacy imaging workstation (FTP, Telnet)',
    vendor: 'Philips Medical Systems - Cardiac and Monitoring Systems (CM',
    oui: '00095C',
    mac: mac('00095C', 30),
    ipv4: v4(30),
    ipv6: v6(30),
    ports: [
      { port: 21, transport: 'tcp', service: 'ftp', families: BOTH },
      { port: 23, transport: 'tcp', service: 'telnet', families: BOTH },
    ],
    planted: [
      {
        ruleId: 'ftp-anonymous',
        port: 21,
        transport: 'tcp',
        why: 'vsftpd lets anyone log in as "anonymous" and read files.',
      },
      {
        ruleId: 'ftp-cleartext',
        port: 21,
        transport: 'tcp',
        why: 'FTP without TLS: user names, passwords and files cross the network in clear text.',
      },
      {
        ruleId: 'telnet-cleartext',
        port: 23,
        transport: 'tcp',
        why: 'Telnet remote login: the password is sent in clear text.',
      },
    ],
    servers: [
      { kind: 'vsftpd', banner: 'Imaging workstation FTP service ready (Mamori training lab)' },
      { kind: 'telnetd', banner: 'Imaging workstation IW-2000 (Mamori training lab)' },
    ],
  },
  {
    name: 'monitor-gateway',
    roleJa: '生体情報モニタのゲートウェイ（SNMP）',
    roleEn: 'Patient-monitor network gateway (SNMP)',
    vendor: 'NIHON KOHDEN AMERICA',
    oui: '00A09A',
    mac: mac('00A09A', 40),
    ipv4: v4(40),
    ipv6: v6(40),
    ports: [{ port: 161, transport: 'udp', service: 'snmp', families: BOTH }],
    planted: [
      {
        ruleId: 'snmp-default-community',
        port: 161,
        transport: 'udp',
        why: 'snmpd answers the default community "public": anyone can read the device description and interfaces.',
      },
    ],
    servers: [
      {
        kind: 'snmpd',
        community: 'public',
        sysDescr: 'Central monitor network gateway CMG-100 (Mamori training lab)',
        sysName: 'icu-monitor-gw',
        sysLocation: 'ICU 3F',
        sysContact: 'clinical-engineering@example.invalid',
        sysObjectId: '.1.3.6.1.4.1.8072.3.2.10',
      },
    ],
  },
  {
    name: 'remote-maint',
    roleJa: 'メーカー保守用リモート接続端末（SSH）',
    roleEn: 'Vendor remote-maintenance gateway (SSH)',
    vendor: 'SHIMADZU CORPORATION',
    oui: '00E096',
    mac: mac('00E096', 50),
    ipv4: v4(50),
    ipv6: v6(50),
    ports: [{ port: 22, transport: 'tcp', service: 'ssh', families: BOTH }],
    planted: [],
    servers: [{ kind: 'sshd', versionAddendum: 'RemoteService' }],
  },
  {
    name: 'infusion-server',
    roleJa: '輸液ポンプ管理サーバ（HTTP 管理画面）',
    roleEn: 'Infusion-pump management server (HTTP admin page)',
    vendor: 'TERUMO CORPORATION',
    oui: '60F673',
    mac: mac('60F673', 60),
    ipv4: v4(60),
    ipv6: v6(60),
    ports: [{ port: 80, transport: 'tcp', service: 'http', families: BOTH }],
    planted: [
      {
        ruleId: 'http-admin-without-tls',
        port: 80,
        transport: 'tcp',
        why: 'The administrator login form is served over plain HTTP: the password crosses the network in clear text.',
      },
    ],
    servers: [
      {
        kind: 'http-admin',
        title: 'Infusion Management Server - Administrator Login',
        serverHeader: 'InfusionManager/2.4 (Mamori training lab)',
      },
    ],
  },
  {
    name: 'hl7-gateway',
    roleJa: 'HL7 インタフェースエンジン（MLLP）',
    roleEn: 'HL7 v2 interface engine (MLLP)',
    vendor: 'FUKUDA DENSHI CO., LTD.',
    oui: '0040D1',
    mac: mac('0040D1', 70),
    ipv4: v4(70),
    ipv6: v6(70),
    ports: [{ port: 2575, transport: 'tcp', service: 'hl7-mllp', families: BOTH }],
    planted: [],
    servers: [{ kind: 'hl7-mllp', sendingApplication: 'VITALLINK', sendingFacility: 'MAMORI_TRAINING_HOSP' }],
  },
]

/** Namespace names are file names under /run/netns; keep the prefix short and plain. */
const PREFIX_RE = /^[a-z][a-z0-9-]{0,23}$/

/** True when `prefix` can name lab namespaces (lower-case letters, digits, '-'; at most 24 characters). */
export function isValidLabPrefix(prefix: string): boolean {
  return PREFIX_RE.test(prefix)
}

/**
 * The lab with namespace names resolved for `prefix`. Tests use their own short prefix (e.g. `mlt-1234`) so a
 * test run never collides with a lab someone brought up by hand; addresses are the same in every lab because
 * each lab lives in its own namespaces.
 *
 * @example labTopology().hosts[0].namespace // 'mamori-lab-ct-modality'
 */
export function labTopology(prefix: string = DEFAULT_LAB_PREFIX): LabTopology {
  if (!isValidLabPrefix(prefix)) {
    throw MamoriError.of('LAB_BAD_PREFIX', { prefix })
  }
  return {
    prefix,
    scanner: { namespace: prefix, bridge: 'labbr0', ipv4: v4(1), ipv6: v6(1), cidr4: CIDR4, cidr6: CIDR6 },
    hosts: LAB_HOSTS.map((h) => ({
      ...h,
      namespace: `${prefix}-${h.name}`,
      // Interface names are at most 15 bytes (IFNAMSIZ); the last IPv4 octet keeps them unique.
      bridgePort: `vh${h.ipv4.split('.').at(-1)}`,
    })),
  }
}
