/**
 * Every dissector, by what it reads. A new protocol is one file here and one line below. Stream dissectors are
 * offered a new TCP flow's first bytes in this order (the first whose `detect` says yes gets the flow), so the
 * stricter tests come first: binary protocols with magic numbers before text protocols.
 */
import type { DatagramDissector, FrameDissector, StreamDissector } from '../contract.js'
import { arpDissector } from './arp.js'
import { cdpDissector } from './cdp.js'
import { dhcpDissector } from './dhcp.js'
import { dicomDissector } from './dicom.js'
import { dnsDissector, llmnrDissector, mdnsDissector } from './dns.js'
import { ftpDissector } from './ftp.js'
import { hl7Dissector } from './hl7.js'
import { httpDissector } from './http.js'
import { lldpDissector } from './lldp.js'
import { nbnsDissector } from './nbns.js'
import { ntpDissector } from './ntp.js'
import { rdpDissector } from './rdp.js'
import { smbDissector } from './smb.js'
import { snmpDissector } from './snmp.js'
import { sshDissector } from './ssh.js'
import { syslogDissector } from './syslog.js'
import { telnetDissector } from './telnet.js'
import { tlsDissector } from './tls.js'

export const STREAM_DISSECTORS: readonly StreamDissector[] = [
  tlsDissector,
  dicomDissector,
  smbDissector,
  rdpDissector,
  hl7Dissector,
  sshDissector,
  httpDissector,
  ftpDissector,
  telnetDissector,
]

export const DATAGRAM_DISSECTORS: readonly DatagramDissector[] = [
  dhcpDissector,
  mdnsDissector,
  llmnrDissector,
  nbnsDissector,
  dnsDissector,
  snmpDissector,
  ntpDissector,
  syslogDissector,
]

export const FRAME_DISSECTORS: readonly FrameDissector[] = [arpDissector, lldpDissector, cdpDissector]
