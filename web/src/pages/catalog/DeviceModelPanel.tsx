import { Anchor, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert } from '../../components/common.js'
import { invalidateCatalog, modelKeys, modelsApi, versionRange } from '../../data/models.js'
import { LinkStateBadge, modelOptions, useReason } from './parts.js'

/** The device page's catalog model: the link (suggested or confirmed) with confirm, change and unlink. */
export function DeviceModelPanel({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const reason = useReason()
  const current = useQuery({ queryKey: modelKeys.ofDevice(deviceId), queryFn: () => modelsApi.ofDevice(deviceId) })
  const [changing, setChanging] = useState(false)
  const [choice, setChoice] = useState<string | null>(null)
  const models = useQuery({ queryKey: modelKeys.list(), queryFn: modelsApi.list, enabled: editable && changing })
  const done = () => {
    setChanging(false)
    setChoice(null)
    void invalidateCatalog(qc)
  }
  const confirm = useMutation({
    mutationFn: (modelId?: string) => modelsApi.confirmDevice(deviceId, modelId),
    onSuccess: done,
  })
  const unlink = useMutation({ mutationFn: () => modelsApi.unlinkDevice(deviceId), onSuccess: done })
  const link = current.data?.link
  const model = current.data?.model

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('catalog.deviceModel')}
        </Title>
        {current.error && <ErrorAlert error={current.error} />}
        {link && model ? (
          <Group gap="xs">
            <Anchor component={Link} to={`/catalog/models/${encodeURIComponent(model.id)}`}>
              {`${model.vendor} ${model.name}`}
            </Anchor>
            {versionRange(model) && (
              <Text size="sm" c="dimmed">
                {versionRange(model)}
              </Text>
            )}
            <LinkStateBadge state={link.state} />
          </Group>
        ) : (
          current.data && (
            <Text size="sm" c="dimmed">
              {t('catalog.notLinked')}
            </Text>
          )
        )}
        {link && <Text size="xs" c="dimmed">{`${reason(link)}${link.decidedBy ? ` — ${link.decidedBy}` : ''}`}</Text>}
        {editable && current.data && (
          <Group gap="xs">
            {link?.state === 'suggested' && (
              <Button size="xs" loading={confirm.isPending} onClick={() => confirm.mutate(undefined)}>
                {t('catalog.confirm')}
              </Button>
            )}
            <Button size="xs" variant="light" onClick={() => setChanging(!changing)}>
              {t(link ? 'catalog.change' : 'catalog.linkToModel')}
            </Button>
            {link && (
              <Button size="xs" variant="subtle" color="red" loading={unlink.isPending} onClick={() => unlink.mutate()}>
                {t('catalog.unlink')}
              </Button>
            )}
          </Group>
        )}
        {changing && (
          <Group align="flex-end" gap="xs">
            <Select
              size="xs"
              w={360}
              searchable
              label={t('catalog.chooseModel')}
              data={modelOptions(models.data ?? [])}
              value={choice}
              onChange={setChoice}
            />
            <Button
              size="xs"
              disabled={!choice}
              loading={confirm.isPending}
              onClick={() => choice && confirm.mutate(choice)}
            >
              {t('catalog.linkConfirm')}
            </Button>
          </Group>
        )}
        {confirm.error && <ErrorAlert error={confirm.error} />}
        {unlink.error && <ErrorAlert error={unlink.error} />}
      </Stack>
    </Paper>
  )
}
