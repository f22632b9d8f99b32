/**
 * Suggests what a discovered host is (manufacturer, model, category, OS) from the evidence the scan collected:
 * the MAC address's IEEE OUI vendor, the DICOM Implementation Class UID and Version Name, SNMP sysDescr and
 * sysObjectID, the HTTP title and Server header, SMB names, the SSH and Telnet banners and RDP. Pure: the OUI
 * lookup is injected (src/discovery/oui.ts reads the oui-data package). The result is a suggestion with every
 * piece of evidence shown, never an automatic ledger change.
 */
import type { DeviceCategory } from '../ledger/device.js'
import type { HostObservation, Identification } from './observation.js'
import {
  arr,
  type DicomEchoFacts,
  type HttpInfoFacts,
  hitsOf,
  isRecord,
  obj,
  type PassiveFacts,
  passiveFactsOf,
  type SmbNegotiateFacts,
  type SnmpCommunityFacts,
  type SshBannerFacts,
  str,
  type TelnetBannerFacts,
} from './rules/facts.js'

/** Looks up the organisation that owns a MAC address's OUI; null when unknown or locally administered. */
export type VendorLookup = (mac: string) => string | null

/**
 * DICOM Implementation Class UID roots (PS3.7 §D.3.3.2) of toolkits and vendors. A toolkit root (dcmtk,
 * dcm4che, fo-dicom, pydicom) says how the software was built, not who made the device, so it names no
 * manufacturer.
 */
export const DICOM_UID_ROOTS: readonly { root: string; manufacturer: string | null; toolkit: string | null }[] = [
  { root: '1.2.276.0.7230010.3', manufacturer: null, toolkit: 'DCMTK (OFFIS)' },
  { root: '1.2.40.0.13.1', manufacturer: null, toolkit: 'dcm4che' },
  { root: '1.3.6.1.4.1.30071.8', manufacturer: null, toolkit: 'fo-dicom' },
  { root: '1.2.826.0.1.3680043.8.498', manufacturer: null, toolkit: 'pydicom' },
  { root: '1.2.840.113619', manufacturer: 'GE HealthCare', toolkit: null },
  { root: '1.3.12.2.1107', manufacturer: 'Siemens Healthineers', toolkit: null },
  { root: '1.3.46.670589', manufacturer: 'Philips', toolkit: null },
  { root: '1.2.392.200036.9125', manufacturer: 'FUJIFILM', toolkit: null },
  { root: '1.2.392.200036.9116', manufacturer: 'Canon Medical Systems (formerly Toshiba Medical)', toolkit: null },
  { root: '1.2.124.113532', manufacturer: 'Agfa HealthCare', toolkit: null },
]

/** Manufacturer names as they appear in OUI records, banners and titles, with one canonical spelling. */
const MANUFACTURERS: readonly [RegExp, string][] = [
  [/\bGE (Health ?care|Medical)|General Electric/i, 'GE HealthCare'],
  [/Siemens/i, 'Siemens Healthineers'],
  [/Philips|IntelliVue/i, 'Philips'],
  [/FUJI ?FILM/i, 'FUJIFILM'],
  [/Canon Medical|Toshiba Medical/i, 'Canon Medical Systems (formerly Toshiba Medical)'],
  [/Nihon Kohden|日本光電/i, 'Nihon Kohden'],
  [/Fukuda Denshi|フクダ電子/i, 'Fukuda Denshi'],
  [/Terumo|テルモ/i, 'Terumo'],
  [/Olympus|オリンパス/i, 'Olympus'],
  [/Shimadzu|島津/i, 'Shimadzu'],
  [/Konica ?Minolta|bizhub/i, 'Konica Minolta'],
  [/Hitachi/i, 'Hitachi'],
  [/Agfa/i, 'Agfa HealthCare'],
  [/Dr[äa]ger/i, 'Drägerwerk'],
  [/Mindray/i, 'Mindray'],
  [/Baxter/i, 'Baxter'],
  [/B\. ?Braun/i, 'B. Braun'],
  [/Becton|CareFusion/i, 'BD (Becton Dickinson)'],
  [/Medtronic/i, 'Medtronic'],
  [/Cisco/i, 'Cisco'],
  [/Hewlett|LaserJet|\bHP\b/i, 'HP'],
  [/Ricoh/i, 'Ricoh'],
  [/Canon|imageRUNNER/i, 'Canon'],
  [/Xerox/i, 'Xerox'],
  [/Brother/i, 'Brother'],
  [/Fortinet|FortiGate/i, 'Fortinet'],
  [/MikroTik|RouterOS/i, 'MikroTik'],
]

/**
 * OUI owners that make network chips or generic PCs, not the medical device: their name says little about
 * the device, so they weigh less.
 */
const COMPONENT_VENDORS =
  /Intel|Realtek|Broadcom|Qualcomm|Murata|Texas Instruments|Microchip|Espressif|Raspberry|VMware|QEMU|Dell|Lenovo|ASUSTek|Giga-Byte|Micro-Star|Advantech|Super Micro|Hon Hai|Foxconn|AzureWave|Liteon|Silicon Labs|u-blox|Xen|Parallels/i

/** Words that suggest a category (English, Japanese, product names). Order matters: first match wins per text. */
const CATEGORIES: readonly [RegExp, DeviceCategory][] = [
  [/central (monitor|station)|セントラルモニタ/i, 'central_monitor'],
  [/IntelliVue|patient monitor|bedside monitor|ベッドサイドモニタ|生体情報モニタ/i, 'patient_monitor'],
  [/syringe pump|シリンジポンプ/i, 'syringe_pump'],
  [/infusion|輸液ポンプ/i, 'infusion_pump'],
  [/ventilator|人工呼吸/i, 'ventilator'],
  [/anesthesia|anaesthesia|麻酔/i, 'anesthesia_machine'],
  [/dialysis|透析/i, 'dialysis'],
  [/telemetry|テレメータ/i, 'telemetry'],
  [/nurse ?call|ナースコール/i, 'nurse_call'],
  [/PACS|dcm4chee|Orthanc|画像サーバ/i, 'pacs'],
  [/\bRIS\b|放射線情報/i, 'ris'],
  [/電子カルテ|\bEMR\b|\bEHR\b|\bHIS\b/i, 'his_emr'],
  [/analy[sz]er|検体検査|\bLIS\b/i, 'lab_analyzer'],
  // Upper case only and letter boundaries (not \b): 'CT_SCANNER' counts, 'Product' does not.
  [/(?<![A-Za-z])CT(?![A-Za-z])|computed tomography/, 'ct'],
  [/(?<![A-Za-z])MRI?(?![A-Za-z])|magnetic resonance/, 'mri'],
  [/ultrasound|超音波/i, 'ultrasound'],
  [/angiograph|血管撮影/i, 'angiography'],
  [/mammograph|マンモ/i, 'mammography'],
  [/x-?ray|radiograph|\bFCR\b|レントゲン|一般撮影/i, 'xray'],
  [/endoscop|内視鏡/i, 'endoscope'],
  [/printer|LaserJet|imageRUNNER|bizhub|プリンタ|複合機/i, 'printer'],
  [/FortiGate|firewall|PAN-OS|SonicWall/i, 'firewall'],
  [/access point|Aironet|UniFi AP|無線LAN/i, 'wireless_ap'],
  [/RouterOS|\brouter\b|ルータ/i, 'router'],
  [/\bswitch\b|Catalyst|ProCurve|スイッチ/i, 'switch'],
  [/Windows Server/i, 'server'],
]

/** Private Enterprise Numbers (IANA) of common sysObjectID roots, 1.3.6.1.4.1.<n>. */
const ENTERPRISES: Record<string, string> = {
  '9': 'Cisco',
  '11': 'HP',
  '311': 'Microsoft',
  '367': 'Ricoh',
  '1602': 'Canon',
  '253': 'Xerox',
  '2435': 'Brother',
  '18334': 'Konica Minolta',
  '12356': 'Fortinet',
  '14988': 'MikroTik',
}

interface Vote {
  value: string
  weight: number
}

/**
 * Combines independent votes: P(right) = 1 − Π(1 − wᵢ) per value; the best minus half the runner-up. A generic
 * value that prefixes a specific one ('Windows' and 'Windows 10', 'Linux' and 'Linux (Debian)') supports it
 * instead of competing with it.
 */
function decide(votes: Vote[]): { value: string | null; score: number } {
  const values = new Set(votes.map((v) => v.value))
  const by = new Map<string, number>()
  const add = (value: string, weight: number): void => {
    by.set(value, 1 - (1 - (by.get(value) ?? 0)) * (1 - weight))
  }
  for (const v of votes) {
    const specific = [...values].filter((o) => o.startsWith(`${v.value} `))
    if (specific.length === 0) add(v.value, v.weight)
    else for (const o of specific) add(o, v.weight)
  }
  const ranked = [...by.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const best = ranked[0]
  if (!best) return { value: null, score: 0 }
  const second = ranked[1]?.[1] ?? 0
  return { value: best[0], score: Math.max(0, best[1] - second / 2) }
}

function manufacturerIn(text: string): string | null {
  for (const [re, name] of MANUFACTURERS) if (re.test(text)) return name
  return null
}

function categoryIn(text: string): DeviceCategory | null {
  for (const [re, cat] of CATEGORIES) if (re.test(text)) return cat
  return null
}

function osIn(text: string): string | null {
  const win = /Windows(?: NT)? ?(XP|Vista|7|8\.1|8|10|11|Server ?\d{4}(?: R2)?|Embedded[\w ]*)?/i.exec(text)
  if (win) return `Windows${win[1] ? ` ${win[1]}` : ''}`
  const distro = /(Debian|Ubuntu|CentOS|Red Hat|RHEL|SUSE|Raspbian|Alpine)/i.exec(text)
  if (distro) return `Linux (${distro[1]!})`
  const rtos = /(FreeBSD|VxWorks|QNX)/i.exec(text)
  if (rtos) return rtos[1]!
  if (/Linux/i.test(text)) return 'Linux'
  if (/Cisco IOS/i.test(text)) return 'Cisco IOS'
  return null
}

/**
 * A model-number-like token: upper-case letters then digits, as in 'CMG-100', 'MX450', 'C3000', 'IW-2000'.
 * Toolkit names joined by underscores ('OFFIS_DCMTK_367') do not match.
 */
export function modelIn(text: string): string | null {
  return /\b([A-Z]{1,6}-?\d{2,5}[A-Z]{0,3})\b/.exec(text)?.[1] ?? null
}

/**
 * Builds the identification of one host.
 *
 * Confidence: the combined score of the suggested manufacturer (independent evidence adds up, conflicting
 * evidence subtracts); without a manufacturer, 0.8 × the category score; without either, 0.5 × the OS score.
 *
 * @example
 * ```ts
 * identifyHost(host, lookupVendor)
 * // { manufacturer: 'Philips', model: null, category: 'patient_monitor', os: null, confidence: 0.82,
 * //   evidence: [{ source: 'mac-oui', value: 'Philips Medical Systems …' }, …] }
 * ```
 */
export function identifyHost(host: HostObservation, lookupVendor: VendorLookup): Identification {
  const evidence: Identification['evidence'] = []
  const makers: Vote[] = []
  const categories: Vote[] = []
  const oses: Vote[] = []
  const models: Vote[] = []

  /** Reads one text for every kind of hint, at the given weights. */
  const consider = (
    source: string,
    text: string,
    w: { maker: number; category: number; os: number; model?: number },
  ): void => {
    evidence.push({ source, value: text.slice(0, 300) })
    const model = w.model ? modelIn(text) : null
    if (model && w.model) models.push({ value: model, weight: w.model })
    const m = manufacturerIn(text)
    if (m) makers.push({ value: m, weight: w.maker })
    const c = categoryIn(text)
    if (c) categories.push({ value: c, weight: w.category })
    const o = osIn(text)
    if (o) oses.push({ value: o, weight: w.os })
  }

  if (host.mac) {
    let vendor: string | null = null
    try {
      vendor = lookupVendor(host.mac)
    } catch {
      vendor = null
    }
    if (vendor) {
      const first = vendor.split('\n')[0]!.trim()
      const isComponent = COMPONENT_VENDORS.test(first)
      evidence.push({ source: 'mac-oui', value: first })
      const m = manufacturerIn(first)
      makers.push({ value: m ?? first, weight: isComponent ? 0.15 : 0.5 })
      const c = categoryIn(first)
      if (c) categories.push({ value: c, weight: 0.3 })
    }
  }

  for (const { probe } of hitsOf(host, 'dicom-echo')) {
    const uid = str<DicomEchoFacts>(probe.facts, 'implementationClassUid')
    const version = str<DicomEchoFacts>(probe.facts, 'implementationVersionName')
    if (uid) {
      evidence.push({ source: 'dicom-implementation-uid', value: uid })
      const root = DICOM_UID_ROOTS.find((r) => uid === r.root || uid.startsWith(`${r.root}.`))
      if (root?.manufacturer) makers.push({ value: root.manufacturer, weight: 0.7 })
      if (root?.toolkit) evidence.push({ source: 'dicom-toolkit', value: root.toolkit })
    }
    if (version) consider('dicom-version-name', version, { maker: 0.5, category: 0.4, os: 0.2, model: 0.3 })
    // A DICOM service alone: an imaging system of some kind; weak, any keyword beats it.
    categories.push({ value: 'modality_workstation', weight: 0.15 })
  }

  for (const { probe } of hitsOf(host, 'snmp-community')) {
    const descr = str<SnmpCommunityFacts>(probe.facts, 'sysDescr')
    if (descr) consider('snmp-sysdescr', descr, { maker: 0.6, category: 0.6, os: 0.7, model: 0.5 })
    const oid = str<SnmpCommunityFacts>(probe.facts, 'sysObjectID')
    if (oid) {
      evidence.push({ source: 'snmp-sysobjectid', value: oid })
      const pen = /^1\.3\.6\.1\.4\.1\.(\d+)/.exec(oid)?.[1]
      const maker = pen ? ENTERPRISES[pen] : undefined
      if (maker) makers.push({ value: maker, weight: 0.6 })
      if (pen === '8072') oses.push({ value: 'Linux', weight: 0.3 }) // net-snmp agent, nearly always Linux
    }
    const name = str<SnmpCommunityFacts>(probe.facts, 'sysName')
    if (name) evidence.push({ source: 'snmp-sysname', value: name })
  }

  for (const { probe } of hitsOf(host, 'http-info')) {
    const title = str<HttpInfoFacts>(probe.facts, 'title')
    if (title) consider('http-title', title, { maker: 0.5, category: 0.5, os: 0.2, model: 0.4 })
    const server = str<HttpInfoFacts>(probe.facts, 'server')
    if (server) {
      consider('http-server', server, { maker: 0.3, category: 0.2, os: 0.4 })
      if (/Microsoft-IIS/i.test(server)) oses.push({ value: 'Windows', weight: 0.5 })
    }
  }

  for (const { probe } of hitsOf(host, 'smb-negotiate')) {
    const os = str<SmbNegotiateFacts>(probe.facts, 'os')
    if (os) consider('smb-os', os, { maker: 0.2, category: 0.2, os: 0.8 })
    const name = str<SmbNegotiateFacts>(probe.facts, 'serverName')
    const domain = str<SmbNegotiateFacts>(probe.facts, 'domain')
    if (name) evidence.push({ source: 'smb-server-name', value: domain ? `${domain}\\${name}` : name })
  }

  for (const { probe } of hitsOf(host, 'ssh-banner')) {
    const banner = str<SshBannerFacts>(probe.facts, 'banner')
    if (banner) consider('ssh-banner', banner, { maker: 0.3, category: 0.1, os: 0.6 })
  }

  for (const { probe } of hitsOf(host, 'telnet-banner')) {
    const banner = str<TelnetBannerFacts>(probe.facts, 'banner')
    if (banner?.trim()) consider('telnet-banner', banner.trim(), { maker: 0.4, category: 0.4, os: 0.6, model: 0.3 })
  }

  if (hitsOf(host, 'rdp-detect').length > 0) {
    evidence.push({ source: 'rdp', value: 'Remote Desktop (RDP) answers' })
    oses.push({ value: 'Windows', weight: 0.6 })
  }

  // Passive evidence: what a capture heard the host say about itself (src/passive/analyze/observations.ts).
  for (const { probe } of passiveFactsOf(host)) {
    const f = probe.facts
    const impl = obj<PassiveFacts>(f, 'dicomImplementation')
    const uid = impl && typeof impl.classUid === 'string' ? impl.classUid : null
    // The same UID already counted through a dicom-echo result (a capture makes one) is not counted twice.
    const counted = hitsOf(host, 'dicom-echo').some(
      (h) => str<DicomEchoFacts>(h.probe.facts, 'implementationClassUid') === uid,
    )
    if (uid && !counted) {
      evidence.push({ source: 'passive-dicom-implementation-uid', value: uid })
      const root = DICOM_UID_ROOTS.find((r) => uid === r.root || uid.startsWith(`${r.root}.`))
      if (root?.manufacturer) makers.push({ value: root.manufacturer, weight: 0.7 })
      if (root?.toolkit) evidence.push({ source: 'passive-dicom-toolkit', value: root.toolkit })
    }
    if (impl && typeof impl.versionName === 'string' && impl.versionName)
      consider('passive-dicom-version-name', impl.versionName, { maker: 0.5, category: 0.4, os: 0.2, model: 0.3 })
    for (const ae of arr<PassiveFacts>(f, 'aeTitles').slice(0, 5))
      if (typeof ae === 'string' && ae.trim())
        consider('passive-dicom-ae-title', ae.trim(), { maker: 0.3, category: 0.5, os: 0, model: 0.2 })
    if (uid || arr<PassiveFacts>(f, 'aeTitles').length > 0)
      categories.push({ value: 'modality_workstation', weight: 0.15 })
    const ownApps = new Set<string>()
    for (const m of arr<PassiveFacts>(f, 'hl7Messages')) {
      if (!isRecord(m)) continue
      const sender = m.role === 'sender'
      const app = sender ? m.sendingApplication : m.receivingApplication
      const facility = sender ? m.sendingFacility : m.receivingFacility
      if (typeof app !== 'string' || !app) continue
      ownApps.add(typeof facility === 'string' && facility ? `${app}@${facility}` : app)
    }
    for (const app of [...ownApps].slice(0, 5))
      consider('passive-hl7-application', app, { maker: 0.4, category: 0.5, os: 0, model: 0.3 })
    const dhcp = obj<PassiveFacts>(f, 'dhcp')
    const vendorClass = dhcp && typeof dhcp.vendorClass === 'string' ? dhcp.vendorClass : null
    if (vendorClass) {
      consider('passive-dhcp-vendor-class', vendorClass, { maker: 0.4, category: 0.3, os: 0.5, model: 0.3 })
      if (/^MSFT\s*5\.0/i.test(vendorClass)) oses.push({ value: 'Windows', weight: 0.6 })
      else if (/udhcp|dhcpcd|busybox/i.test(vendorClass)) oses.push({ value: 'Linux', weight: 0.5 })
    }
    if (dhcp && typeof dhcp.hostName === 'string' && dhcp.hostName)
      consider('passive-dhcp-host-name', dhcp.hostName, { maker: 0.2, category: 0.3, os: 0.2 })
    const ntlm = obj<PassiveFacts>(f, 'ntlm')
    if (ntlm && typeof ntlm.osVersion === 'string' && ntlm.osVersion) {
      const name = windowsVersionName(ntlm.osVersion)
      evidence.push({ source: 'passive-ntlm-os', value: name ? `${ntlm.osVersion} (${name})` : ntlm.osVersion })
      oses.push({ value: name ?? 'Windows', weight: 0.8 })
    }
    if (ntlm && typeof ntlm.computer === 'string' && ntlm.computer)
      evidence.push({
        source: 'passive-ntlm-name',
        value: typeof ntlm.domain === 'string' && ntlm.domain ? `${ntlm.domain}\\${ntlm.computer}` : ntlm.computer,
      })
    for (const n of arr<PassiveFacts>(f, 'neighbours').slice(0, 3)) {
      if (!isRecord(n)) continue
      const text = [n.systemDescription, n.platform].filter((x) => typeof x === 'string' && x).join(' ')
      if (text)
        consider(`passive-${String(n.protocol)}-description`, text, { maker: 0.6, category: 0.6, os: 0.6, model: 0.4 })
    }
    for (const b of arr<PassiveFacts>(f, 'banners').slice(0, 5)) {
      // SSH and Telnet banners already count through their probes; FTP greetings only here.
      if (isRecord(b) && b.protocol === 'ftp' && typeof b.text === 'string' && b.text.trim())
        consider('passive-ftp-banner', b.text.trim(), { maker: 0.3, category: 0.2, os: 0.4, model: 0.2 })
    }
    for (const ua of arr<PassiveFacts>(f, 'userAgents').slice(0, 3))
      if (typeof ua === 'string' && ua) consider('passive-http-user-agent', ua, { maker: 0.1, category: 0.1, os: 0.3 })
    for (const n of arr<PassiveFacts>(f, 'names').slice(0, 5))
      if (isRecord(n) && typeof n.name === 'string' && n.source !== 'dhcp')
        consider(`passive-name-${String(n.source)}`, n.name, { maker: 0.1, category: 0.2, os: 0 })
  }

  const maker = decide(makers)
  const category = decide(categories)
  const os = decide(oses)
  const model = decide(models)
  let confidence = 0
  if (maker.value) confidence = maker.score
  else if (category.value) confidence = 0.8 * category.score
  else if (os.value) confidence = 0.5 * os.score
  return {
    manufacturer: maker.value,
    model: model.score >= 0.3 ? model.value : null,
    category: category.value,
    os: os.value,
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    evidence,
  }
}

/** Windows release names by NT version (MS-NLMP VERSION major.minor.build), as NTLM says it. */
export function windowsVersionName(osVersion: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(osVersion)
  if (!m) return null
  const [major, minor, build] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (major === 5 && minor === 1) return 'Windows XP'
  if (major === 5 && minor === 2) return 'Windows Server 2003'
  if (major === 6 && minor === 0) return 'Windows Vista'
  if (major === 6 && minor === 1) return 'Windows 7'
  if (major === 6 && minor === 2) return 'Windows 8'
  if (major === 6 && minor === 3) return 'Windows 8.1'
  if (major === 10 && minor === 0) return build >= 22000 ? 'Windows 11' : 'Windows 10'
  return null
}
