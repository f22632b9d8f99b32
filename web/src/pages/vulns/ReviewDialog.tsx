import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MatchOut } from '../../../../api/vulns.js'
import { ErrorAlert } from '../../components/common.js'
import { invalidateVulns, type ReviewDecision, vulnsApi } from '../../data/vulns.js'

/**
 * A person's decision on one match (誤検知として除外 / 該当として確認) with a note. The dialog says plainly that the
 * decision applies to every device of the same model and stays across re-syncs, because that is what the server does.
 */
export function ReviewDialog({
  match,
  decision,
  onClose,
}: {
  match: MatchOut | null
  decision: ReviewDecision
  onClose: () => void
}) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [note, setNote] = useState('')
  const save = useMutation({
    mutationFn: () => vulnsApi.review(match?.id ?? '', decision, note.trim()),
    onSuccess: async () => {
      await invalidateVulns(qc)
      setNote('')
      onClose()
    },
  })
  const falsePositive = decision === 'false-positive'
  const title = falsePositive ? t('vulns.review.falseTitle') : t('vulns.review.acceptTitle')
  const model = match ? [match.device.manufacturer, match.device.model].filter(Boolean).join(' ') : ''
  return (
    <Modal opened={match !== null} onClose={onClose} title={title} size="lg">
      {match && (
        <Stack gap="sm">
          <Text size="sm">
            {t('vulns.review.what', {
              cve: match.cve ?? match.advisoryId ?? '—',
              device: match.device.assetTag ?? match.device.name ?? match.device.id,
            })}
          </Text>
          <Alert color="blue" icon={<IconInfoCircle size={18} />} data-scope>
            {t('vulns.review.wholeModel', { model: model || match.productLabel })}
          </Alert>
          <Textarea
            label={t('vulns.review.note')}
            description={falsePositive ? t('vulns.review.noteFalseHint') : t('vulns.review.noteAcceptHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            minRows={3}
            maxLength={2000}
            required={falsePositive}
            autosize
          />
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color={falsePositive ? 'gray' : 'red'}
              loading={save.isPending}
              disabled={falsePositive && note.trim() === ''}
              onClick={() => save.mutate()}
            >
              {falsePositive ? t('vulns.review.markFalse') : t('vulns.review.accept')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
