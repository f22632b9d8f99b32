import { Alert, Button, Checkbox, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core'
import { IconCircleCheck, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { type Acceptance, acceptanceApi } from '../../data/acceptance.js'
import { DownloadButton } from '../procurement/parts.js'
import { useJa } from '../risk/parts.js'
import { SectionTitle, useAcceptanceChange } from './parts.js'

/**
 * Step 5: what still stands between the device and clinical use, the sign-off (with the path "accept the open items,
 * with a reason"), a refused sign-off (409 ACCEPTANCE_INCOMPLETE) as the list of what is missing, cancel with a reason,
 * and the acceptance report PDF.
 */
export function SignOffSection({
  acceptance: a,
  editable,
  sectionId,
}: {
  acceptance: Acceptance
  editable: boolean
  sectionId: string
}) {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const [note, setNote] = useState('')
  const [acceptOpen, setAcceptOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [cancelReason, setCancelReason] = useState('')
  const signOff = useAcceptanceChange(() => acceptanceApi.signOff(a.id, { note, acceptOpen, reason }))
  const cancel = useAcceptanceChange(() => acceptanceApi.cancel(a.id, cancelReason))
  const outstanding = ja ? a.outstandingJa : a.outstandingEn
  const refused = signOff.error instanceof ApiError && signOff.error.code === 'ACCEPTANCE_INCOMPLETE'
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={sectionId}>
      <SectionTitle id={sectionId}>{`5. ${t('acceptance.step.5')}`}</SectionTitle>
      {a.signOff && (
        <Alert color="teal" role="status" mb="sm" data-signed-off>
          {t('acceptance.signedOffBy', { at: formatDateTime(a.signOff.at, i18n.language), by: a.signOff.by })}
          {a.signOff.note && ` — ${a.signOff.note}`}
          {a.signOff.acceptedOpen && (
            <Text size="sm" mt={4}>
              {t('acceptance.acceptedOpenReason', { reason: a.signOff.reason })}
            </Text>
          )}
        </Alert>
      )}
      {a.state === 'in_progress' && (
        <>
          <Text size="sm" fw={600}>
            {t('acceptance.outstanding')}
          </Text>
          {outstanding.length === 0 ? (
            <Text size="sm" c="teal.7" mb="sm">
              {t('acceptance.readyToSign')}
            </Text>
          ) : (
            <List size="sm" mb="sm" aria-label={t('acceptance.outstanding')}>
              {outstanding.map((o) => (
                <List.Item key={o}>{o}</List.Item>
              ))}
            </List>
          )}
        </>
      )}
      {editable && (
        <Stack gap="xs">
          <Textarea
            label={t('acceptance.signOffNote')}
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Checkbox
            label={t('acceptance.acceptOpen')}
            checked={acceptOpen}
            onChange={(e) => setAcceptOpen(e.currentTarget.checked)}
          />
          {acceptOpen && (
            <Textarea
              label={t('acceptance.acceptOpenReason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          )}
          {refused && (
            <div data-incomplete>
              <ErrorAlert error={signOff.error} title={t('acceptance.incompleteTitle')} />
            </div>
          )}
          {signOff.error && !refused && <ErrorAlert error={signOff.error} />}
          <Group>
            <Button
              color="teal"
              leftSection={<IconCircleCheck size={16} />}
              loading={signOff.isPending}
              disabled={acceptOpen && !reason.trim()}
              onClick={() => signOff.mutate(undefined)}
            >
              {t('acceptance.signOff')}
            </Button>
          </Group>
          <Group align="end" mt="md">
            <Textarea
              label={t('acceptance.cancelReason')}
              autosize
              minRows={1}
              w={400}
              value={cancelReason}
              onChange={(e) => setCancelReason(e.currentTarget.value)}
            />
            <Button
              color="red"
              variant="light"
              leftSection={<IconX size={16} />}
              disabled={!cancelReason.trim()}
              loading={cancel.isPending}
              onClick={() => {
                if (window.confirm(t('acceptance.confirmCancel'))) cancel.mutate(undefined)
              }}
            >
              {t('acceptance.cancel')}
            </Button>
          </Group>
          {cancel.error && <ErrorAlert error={cancel.error} />}
        </Stack>
      )}
      <Group gap="sm" mt="md">
        <DownloadButton
          path={acceptanceApi.reportPath(a.id, 'ja')}
          fallback={`acceptance-${a.device.assetTag ?? a.deviceId}-ja.pdf`}
          label={t('acceptance.reportJa')}
        />
        <DownloadButton
          path={acceptanceApi.reportPath(a.id, 'en')}
          fallback={`acceptance-${a.device.assetTag ?? a.deviceId}-en.pdf`}
          label={t('acceptance.reportEn')}
        />
      </Group>
    </Paper>
  )
}
