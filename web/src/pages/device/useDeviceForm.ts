import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Device } from '../../../../api/device.js'
import { type DeviceForm, emptyForm, formFromDevice, isDirty } from '../device-form.js'

/** What {@link useDeviceForm} gives the page. */
export interface DeviceFormState {
  form: DeviceForm
  editing: boolean
  /** The form differs from what it held when editing started. */
  dirty: boolean
  set: <K extends keyof DeviceForm>(key: K, value: DeviceForm[K]) => void
  startEditing: () => void
  stopEditing: () => void
  /** True when there is nothing unsaved, or the person agreed to discard it. */
  discardOk: () => boolean
}

/**
 * The device form's state: the values being edited, whether the page is in edit mode, and whether anything is
 * unsaved. Outside edit mode the form follows the loaded device. Unsaved edits are not lost silently: closing or
 * reloading the tab asks the browser's question, and following a link inside the app asks ours.
 *
 * A new device belongs to the hospital's first site (`firstSite`) rather than the schema's placeholder 'default'.
 */
export function useDeviceForm({
  create,
  device,
  firstSite,
}: {
  create: boolean
  device: Device | undefined
  firstSite: string | undefined
}): DeviceFormState {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(create)
  const [form, setForm] = useState<DeviceForm>(emptyForm)
  /** What the form held when editing started: the form is "dirty" when it differs. */
  const [baseline, setBaseline] = useState<DeviceForm>(emptyForm)

  useEffect(() => {
    if (device && !editing) {
      setForm(formFromDevice(device))
      setBaseline(formFromDevice(device))
    }
  }, [device, editing])

  useEffect(() => {
    if (create && firstSite) {
      setForm((f) => (f.siteId === 'default' ? { ...f, siteId: firstSite } : f))
      setBaseline((f) => (f.siteId === 'default' ? { ...f, siteId: firstSite } : f))
    }
  }, [create, firstSite])

  const dirty = editing && isDirty(form, baseline)
  useUnsavedGuard(dirty, t('device.discardConfirm'))

  const set = useCallback(
    <K extends keyof DeviceForm>(key: K, value: DeviceForm[K]) => setForm((f) => ({ ...f, [key]: value })),
    [],
  )
  return {
    form,
    editing,
    dirty,
    set,
    startEditing: () => setEditing(true),
    stopEditing: () => setEditing(false),
    discardOk: () => !dirty || window.confirm(t('device.discardConfirm')),
  }
}

/** While `active`, asks before the tab closes or an in-app link is followed. */
function useUnsavedGuard(active: boolean, question: string): void {
  useEffect(() => {
    if (!active) return
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href]')
      if (!a || a.getAttribute('target') === '_blank' || a.hasAttribute('download')) return
      if (!window.confirm(question)) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    window.addEventListener('beforeunload', beforeUnload)
    document.addEventListener('click', onClick, true)
    return () => {
      window.removeEventListener('beforeunload', beforeUnload)
      document.removeEventListener('click', onClick, true)
    }
  }, [active, question])
}
