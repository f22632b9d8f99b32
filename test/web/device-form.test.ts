import { describe, expect, it } from 'vitest'
import type { Device } from '../../api/device.js'
import {
  diffPatch,
  emptyForm,
  formFromDevice,
  isDirty,
  serverErrorsByField,
  validateForm,
} from '../../web/src/pages/device-form.js'
import { buildDevice } from '../factories.js'

function storedDevice(overrides: Parameters<typeof buildDevice>[0] = {}): Device {
  return {
    ...buildDevice(overrides),
    id: 'd1',
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'admin',
    updatedAt: '2026-01-02T00:00:00.000Z',
    updatedBy: 'admin',
  }
}

describe('device form (useSaveDevice validates with these before anything is sent)', () => {
  it('an empty form is invalid: at least one identifier is required, reported on the asset tag', () => {
    const v = validateForm(emptyForm())
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.errors.assetTag?.key).toBe('validation.identifierRequired')
  })

  it('a host name typed as an IP address is a field problem with the value, as the import says', () => {
    const v = validateForm({ ...emptyForm(), model: 'TE-LM800', ipAddresses: ['pump-7.local'] })
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.errors.ipAddresses).toEqual({ key: 'validation.ipAddress', values: { value: 'pump-7.local' } })
  })

  it('a stored device read into the form validates, is not dirty, and sends an empty patch', () => {
    const d = storedDevice({ assetTag: 'ME-1', ipAddresses: ['10.0.0.5'] })
    const form = formFromDevice(d)
    expect(isDirty(form, formFromDevice(d))).toBe(false)
    const v = validateForm(form)
    expect(v.ok).toBe(true)
    if (v.ok) expect(diffPatch(d, v.value)).toEqual({})
  })

  it('the patch holds only the changed fields', () => {
    const d = storedDevice({ assetTag: 'ME-1', model: 'A' })
    const form = { ...formFromDevice(d), model: 'B', vlan: '20' }
    expect(isDirty(form, formFromDevice(d))).toBe(true)
    const v = validateForm(form)
    expect(v.ok).toBe(true)
    if (v.ok) expect(diffPatch(d, v.value)).toEqual({ model: 'B', vlan: 20 })
  })
})

describe('serverErrorsByField', () => {
  const details = [
    { where: 'patch.ipAddresses.0', message: 'not an IP address', messageJa: 'IPアドレスではありません' },
    { where: 'body.ipAddresses[1]', message: 'duplicate', messageJa: '重複しています' },
    { where: 'vlan', message: 'out of range' },
  ]

  it('puts each located problem on its form field, several joined, in Japanese when asked', () => {
    expect(serverErrorsByField(details, true)).toEqual({
      ipAddresses: 'IPアドレスではありません; 重複しています',
      vlan: 'out of range',
    })
  })

  it('uses the English text otherwise', () => {
    expect(serverErrorsByField(details, false)).toEqual({
      ipAddresses: 'not an IP address; duplicate',
      vlan: 'out of range',
    })
  })
})
