import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Device, DeviceSaved, SaveWarning } from '../../../../api/device.js'
import { ApiError } from '../../api.js'
import { deviceKeys, devicesApi, invalidateLedger } from '../../data/devices.js'
import { type DeviceForm, diffPatch, type FieldProblem, serverErrorsByField, validateForm } from '../device-form.js'

/**
 * What one save attempt ended with. Client-side validation is a result of the mutation, not an exception thrown out
 * of it: `invalid` carries the field problems and nothing was sent.
 */
type SaveOutcome = { kind: 'invalid'; errors: Record<string, FieldProblem> } | { kind: 'saved'; saved: DeviceSaved }

/**
 * Saving a device: validates the form, then creates it (POST) or sends only the changed fields with the version
 * that was loaded (PATCH), so a concurrent edit gives a clear 409 instead of a silent overwrite. On success the
 * device's detail, the lists, the facets and the overview are refreshed.
 */
export function useSaveDevice({
  create,
  device,
  onSaved,
}: {
  create: boolean
  device: Device | undefined
  onSaved: (d: DeviceSaved) => void
}) {
  const { i18n } = useTranslation()
  const qc = useQueryClient()
  const [errors, setErrors] = useState<Record<string, FieldProblem>>({})
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  const [saveError, setSaveError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const [warnings, setWarnings] = useState<SaveWarning[]>([])

  const mutation = useMutation({
    mutationFn: async (form: DeviceForm): Promise<SaveOutcome> => {
      const v = validateForm(form)
      if (!v.ok) return { kind: 'invalid', errors: v.errors }
      if (create || !device) return { kind: 'saved', saved: await devicesApi.create(v.value) }
      return { kind: 'saved', saved: await devicesApi.update(device.id, device.version, diffPatch(device, v.value)) }
    },
    onMutate: () => {
      setSaveError(null)
      setServerErrors({})
      setSaved(false)
      setWarnings([])
    },
    onSuccess: (outcome) => {
      if (outcome.kind === 'invalid') {
        setErrors(outcome.errors)
        return
      }
      setErrors({})
      const { warnings: w = [], ...d } = outcome.saved
      setWarnings(w)
      qc.setQueryData(deviceKeys.detail(d.id), d)
      void invalidateLedger(qc, d.id)
      setSaved(true)
      onSaved(outcome.saved)
    },
    onError: (err) => {
      setErrors({})
      setServerErrors(err instanceof ApiError ? serverErrorsByField(err.details, i18n.language.startsWith('ja')) : {})
      setSaveError(err)
    },
  })

  return {
    save: (form: DeviceForm) => mutation.mutate(form),
    isPending: mutation.isPending,
    /** Client-side problems per field (i18n key + values). */
    errors,
    /** The server's located problems per field, already in the UI's language. */
    serverErrors,
    saveError,
    isConflict: saveError instanceof ApiError && saveError.code === 'DEVICE_VERSION_CONFLICT',
    saved,
    warnings,
    dismissSaved: () => setSaved(false),
    /** Forgets every problem (Cancel, reload after a conflict). */
    clearProblems: () => {
      setErrors({})
      setServerErrors({})
      setSaveError(null)
    },
  }
}

/** What {@link useSaveDevice} gives the page. */
export type SaveDeviceState = ReturnType<typeof useSaveDevice>
