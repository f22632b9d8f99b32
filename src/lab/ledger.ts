import { type DeviceCategory, type DeviceFields, deviceInput } from '../../api/device.js'
import type { LabHost, LabTopology } from './topology.js'

/** How each lab host should appear in a ledger: what it is and which ports its "manufacturer" declared. */
const ENTRIES: Record<
  string,
  { category: DeviceCategory; kind: DeviceFields['kind']; declaredPorts: number[]; os?: string }
> = {
  'ct-modality': { category: 'ct', kind: 'medical_device', declaredPorts: [104] },
  pacs: { category: 'pacs', kind: 'server', declaredPorts: [11112] },
  'lab-analyzer-smb1': {
    category: 'lab_analyzer',
    kind: 'medical_device',
    declaredPorts: [445],
    os: 'Windows 7 Embedded',
  },
  'file-server-smb3': { category: 'server', kind: 'server', declaredPorts: [445] },
  // Declares FTP only: the scan's Telnet on 23 is an undeclared open port as well as cleartext.
  'legacy-workstation': { category: 'modality_workstation', kind: 'pc', declaredPorts: [21], os: 'Windows XP' },
  'monitor-gateway': { category: 'central_monitor', kind: 'medical_device', declaredPorts: [161] },
  'remote-maint': { category: 'server', kind: 'server', declaredPorts: [22] },
  'infusion-server': { category: 'infusion_pump', kind: 'medical_device', declaredPorts: [80] },
}

/** Left out on purpose: the scan must list it as a host that is not in the ledger. */
export const LAB_UNREGISTERED_HOST = 'hl7-gateway'

/** A ledger device whose address answers nothing in the lab: reconciliation must report it as not seen. */
export const LAB_OFFLINE_DEVICE = { assetTag: 'LAB-OFFLINE-PUMP', ipv4: '10.77.0.99' }

const entryFor = (h: LabHost, i: number): DeviceFields => {
  const e = ENTRIES[h.name]
  return deviceInput.parse({
    siteId: 'training-lab',
    department: '訓練ラボ / Training lab',
    location: h.namespace,
    assetTag: `LAB-${String(i + 1).padStart(3, '0')}`,
    kind: e?.kind ?? 'other',
    category: e?.category ?? 'other',
    manufacturer: h.vendor,
    model: h.roleEn,
    os: e?.os ?? null,
    ipAddresses: [h.ipv4],
    macAddresses: [h.mac.toLowerCase()],
    hostname: h.name,
    networkSegment: 'lab 10.77.0.0/24',
    declaredPorts: e?.declaredPorts ?? [],
    connectionTypes: ['wired'],
    tags: ['lab'],
    notes: `${h.roleJa} / ${h.roleEn}`,
  })
}

/**
 * The lab as a hospital would have it in its ledger — almost: one host is missing (an unknown device on the
 * network) and one registered device is switched off (in the ledger, not on the network), so a scan of the lab
 * shows all three reconciliation outcomes. Pure.
 */
export function labLedger(topology: LabTopology): DeviceFields[] {
  const devices = topology.hosts.filter((h) => h.name !== LAB_UNREGISTERED_HOST).map(entryFor)
  devices.push(
    deviceInput.parse({
      siteId: 'training-lab',
      department: '訓練ラボ / Training lab',
      assetTag: LAB_OFFLINE_DEVICE.assetTag,
      kind: 'medical_device',
      category: 'infusion_pump',
      manufacturer: 'TERUMO CORPORATION',
      model: 'Infusion pump (switched off)',
      ipAddresses: [LAB_OFFLINE_DEVICE.ipv4],
      tags: ['lab'],
      notes: '電源が切れている輸液ポンプ(台帳にはあるがネットワークに見えない) / A pump that is switched off.',
    }),
  )
  return devices
}
