import { type DeviceFields, type DeviceInput, deviceInput } from '../api/device.js'

let seq = 0

/** A valid ledger device; override any field. */
export function buildDevice(overrides: Partial<DeviceInput> = {}): DeviceFields {
  seq += 1
  const n = String(seq).padStart(4, '0')
  return deviceInput.parse({
    assetTag: `ME-TEST-${n}`,
    department: 'ICU',
    kind: 'medical_device',
    category: 'patient_monitor',
    manufacturer: 'Sakura Medical Systems',
    model: 'SM-100',
    serialNumber: `SN${n}`,
    ipAddresses: [`10.20.${Math.floor(seq / 250)}.${(seq % 250) + 1}`],
    macAddresses: [
      `02:00:00:00:${(seq >> 8).toString(16).padStart(2, '0')}:${(seq & 255).toString(16).padStart(2, '0')}`,
    ],
    ...overrides,
  })
}

export { buildFinding, buildFindingDraft, buildFindingItem } from './factories/findings.js'
export { buildHost } from './factories/hosts.js'
export { buildProbeObservation, buildService } from './factories/observations.js'
