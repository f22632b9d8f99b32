import { Alert, Button, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/common.js'
import type { SaveDeviceState } from './useSaveDevice.js'

/**
 * What the last save said: saved (with the server's warnings, if any), a version conflict with a reload button,
 * another failure, or how many fields need fixing.
 */
export function SaveAlerts({
  save,
  editing,
  onReload,
}: {
  save: SaveDeviceState
  editing: boolean
  onReload: () => void
}) {
  const { t, i18n } = useTranslation()
  const problems = Object.keys(save.errors).length
  return (
    <>
      {save.saved && !editing && save.warnings.length === 0 && (
        <Alert color="teal" withCloseButton onClose={save.dismissSaved} role="status">
          {t('device.saved')}
        </Alert>
      )}
      {save.saved && !editing && save.warnings.length > 0 && (
        <Alert
          color="yellow"
          withCloseButton
          onClose={save.dismissSaved}
          role="status"
          title={t('device.savedWarnings')}
        >
          {save.warnings.map((w) => (
            <Text key={`${w.field}-${w.value}`} size="sm">
              {i18n.language.startsWith('ja') ? w.messageJa : w.message}
            </Text>
          ))}
        </Alert>
      )}
      {save.isConflict && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('device.conflictTitle')} role="alert">
          <Text size="sm">{t('device.conflictBody')}</Text>
          <Button mt="sm" size="xs" variant="white" onClick={onReload}>
            {t('device.conflictReload')}
          </Button>
        </Alert>
      )}
      {save.saveError !== null && !save.isConflict && (
        <ErrorAlert error={save.saveError} title={t('device.saveFailed')} />
      )}
      {problems > 0 && (
        <Alert color="red" role="alert">
          {t('device.fixErrors', { n: problems })}
        </Alert>
      )}
    </>
  )
}
