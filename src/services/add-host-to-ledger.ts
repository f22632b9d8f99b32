import { DEVICE_CATEGORIES, type DeviceCategory, type DeviceInput } from '../../api/device.js'
import type { ScanHost } from '../../api/discovery.js'

/** Categories that are IT rather than medical devices, for the suggested kind. */
const IT_KINDS: Partial<Record<DeviceCategory, DeviceInput['kind']>> = {
  server: 'server',
  pacs: 'server',
  ris: 'server',
  his_emr: 'server',
  workstation: 'pc',
  modality_workstation: 'pc',
  switch: 'network_device',
  router: 'network_device',
  firewall: 'network_device',
  wireless_ap: 'network_device',
  printer: 'other',
}

const isCategory = (c: string | null | undefined): c is DeviceCategory =>
  !!c && (DEVICE_CATEGORIES as readonly string[]).includes(c)

/**
 * A ledger entry proposed from a discovered host: its addresses, the suggested identity (with the evidence in
 * the notes, so a reviewer can judge it) and the open ports it showed. A person confirms and completes it.
 */
export function deviceFromHost(host: ScanHost, extra: { department: string | null }): DeviceInput {
  const id = host.identification
  const category = isCategory(id?.category) ? id.category : 'other'
  const evidence = id?.evidence.map((e) => `${e.source}: ${e.value}`).join('\n') ?? ''
  const open = host.services
    .filter((s) => s.state === 'open')
    .map((s) => `${s.port}/${s.transport}${s.service ? ` (${s.service})` : ''}`)
  return {
    kind: IT_KINDS[category] ?? (category === 'other' ? 'other' : 'medical_device'),
    category,
    department: extra.department,
    manufacturer: id?.manufacturer ?? null,
    model: id?.model ?? null,
    os: id?.os ?? null,
    ipAddresses: [host.address],
    macAddresses: host.mac ? [host.mac] : [],
    hostname: host.hostname,
    tags: ['discovered'],
    notes: [
      `Added from scan ${host.scanId} / スキャンで発見して追加`,
      open.length ? `Open ports / 開いているポート: ${open.join(', ')}` : '',
      evidence ? `Identification (confidence ${Math.round((id?.confidence ?? 0) * 100)}%):\n${evidence}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  }
}
