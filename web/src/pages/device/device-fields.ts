/**
 * The device page's sections and fields as data: which input each field uses and in what order, so the page is a
 * loop over this table (`<FieldGroup>`) instead of one hand-written input per field. Labels are `fields.<key>`,
 * generated from the ledger's field table (src/core/ledger/fields.ts, see ../../i18n/catalog.ts), so the form says
 * what exports and import problems say; the notes section (tags, notes, custom fields) is laid out by hand.
 */
import { DEVICE_CATEGORIES, DEVICE_KINDS, DEVICE_STATUSES, USAGE_ENVIRONMENTS } from '../../../../api/device.js'
import type { DeviceForm } from '../device-form.js'

type Keys<T> = { [K in keyof DeviceForm]: DeviceForm[K] extends T ? K : never }[keyof DeviceForm]

/** One field and how it is edited; `text` also covers dates (`type: 'date'`). */
export type FieldSpec =
  | { kind: 'text'; key: Keys<string>; type?: string; placeholder?: string }
  | { kind: 'select'; key: 'kind' | 'category' | 'status' | 'usageEnvironment'; values: readonly string[]; ns: string }
  | { kind: 'list'; key: 'ipAddresses' | 'macAddresses' | 'tags' }
  | { kind: 'flag'; key: 'lifeCritical' | 'neverScan' | 'fragile' }
  | { kind: 'site'; key: 'siteId' }
  | { kind: 'connections'; key: 'connectionTypes' }
  | { kind: 'proximity'; key: 'patientProximity' }

/** A titled group of fields (`device.section.<id>`). */
export interface SectionSpec {
  id: 'identity' | 'location' | 'network' | 'clinical' | 'lifecycle'
  fields: readonly FieldSpec[]
}

const text = (key: Keys<string>, opts: { type?: string; placeholder?: string } = {}): FieldSpec => ({
  kind: 'text',
  key,
  ...opts,
})

export const DEVICE_SECTIONS: readonly SectionSpec[] = [
  {
    id: 'identity',
    fields: [
      text('assetTag'),
      { kind: 'select', key: 'kind', values: DEVICE_KINDS, ns: 'kind' },
      { kind: 'select', key: 'category', values: DEVICE_CATEGORIES, ns: 'category' },
      text('name'),
      text('manufacturer'),
      text('model'),
      text('serialNumber'),
      text('softwareVersion'),
      text('os'),
      text('osVersion'),
      { kind: 'select', key: 'status', values: DEVICE_STATUSES, ns: 'status' },
    ],
  },
  {
    id: 'location',
    fields: [
      { kind: 'site', key: 'siteId' },
      text('department'),
      text('location'),
      text('responsibleDepartment'),
      text('responsiblePerson'),
    ],
  },
  {
    id: 'network',
    fields: [
      { kind: 'list', key: 'ipAddresses' },
      { kind: 'list', key: 'macAddresses' },
      text('hostname'),
      text('networkSegment'),
      text('vlan', { type: 'text', placeholder: '1–4094' }),
      text('declaredPorts', { placeholder: '104, 11112, 443' }),
      { kind: 'connections', key: 'connectionTypes' },
    ],
  },
  {
    id: 'clinical',
    fields: [
      { kind: 'select', key: 'usageEnvironment', values: USAGE_ENVIRONMENTS, ns: 'usage' },
      { kind: 'proximity', key: 'patientProximity' },
      { kind: 'flag', key: 'lifeCritical' },
      { kind: 'flag', key: 'neverScan' },
      { kind: 'flag', key: 'fragile' },
    ],
  },
  {
    id: 'lifecycle',
    fields: [
      text('installedOn', { type: 'date' }),
      text('serviceLifeEnd', { type: 'date' }),
      text('supportEnd', { type: 'date' }),
      text('maintenanceContract'),
      text('vendorContact'),
    ],
  },
]
