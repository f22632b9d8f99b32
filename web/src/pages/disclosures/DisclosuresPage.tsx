import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconFileImport, IconPencil, IconScale, IconSettings, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { canEdit, isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { disclosureKeys, disclosuresApi, invalidateDisclosures } from '../../data/disclosures.js'
import { useModelOptions } from './ImportDisclosure.js'
import { FormBadge, ModelLink } from './parts.js'

/**
 * Every manufacturer disclosure on file: model, form, document id, release date, how much was answered, warnings,
 * who imported it and when; filtered by model (`?modelId=`). From here a person imports, types one in by hand,
 * compares models, or (admin) sets who letters to manufacturers come from.
 */
export function DisclosuresPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [params, setParams] = useSearchParams()
  const modelId = params.get('modelId')
  const models = useModelOptions()
  const editable = canEdit(user)

  const list = useQuery({ queryKey: disclosureKeys.list(modelId), queryFn: () => disclosuresApi.list(modelId) })
  const remove = useMutation({
    mutationFn: disclosuresApi.remove,
    onSuccess: () => void invalidateDisclosures(qc),
  })

  return (
    <Stack gap="md">
      <PageHeader title={t('disclosureUi.list.title')}>
        {editable && (
          <>
            <Button component={Link} to="/disclosures/import" leftSection={<IconFileImport size={16} />}>
              {t('disclosureUi.list.import')}
            </Button>
            <Button component={Link} to="/disclosures/new" variant="default" leftSection={<IconPencil size={16} />}>
              {t('disclosureUi.list.byHand')}
            </Button>
          </>
        )}
        <Button component={Link} to="/disclosures/compare" variant="default" leftSection={<IconScale size={16} />}>
          {t('disclosureUi.list.compare')}
        </Button>
        {isAdmin(user) && (
          <Button component={Link} to="/disclosures/sender" variant="subtle" leftSection={<IconSettings size={16} />}>
            {t('disclosureUi.sender.title')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('disclosureUi.list.intro')}
      </Text>
      {models.length > 0 && (
        <Select
          label={t('disclosureUi.list.filterModel')}
          placeholder={t('common.all')}
          data={models}
          value={modelId}
          onChange={(v) => setParams(v ? { modelId: v } : {})}
          searchable
          clearable
          maw={360}
        />
      )}
      {list.error && <ErrorAlert error={list.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      {list.isPending && <Skeleton h={160} />}
      {list.data && list.data.length === 0 && (
        <Alert color="gray" title={t('disclosureUi.list.emptyTitle')}>
          {t('disclosureUi.list.empty')}
        </Alert>
      )}
      {list.data && list.data.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={900}>
            <Table fz="sm" striped highlightOnHover aria-label={t('disclosureUi.list.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('disclosureUi.list.model')}</Table.Th>
                  <Table.Th>{t('disclosureUi.header.form')}</Table.Th>
                  <Table.Th>{t('disclosureUi.header.documentId')}</Table.Th>
                  <Table.Th>{t('disclosureUi.header.releaseDate')}</Table.Th>
                  <Table.Th>{t('disclosureUi.list.answered')}</Table.Th>
                  <Table.Th>{t('disclosureUi.count.warnings')}</Table.Th>
                  <Table.Th>{t('disclosureUi.list.imported')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((d) => (
                  <Table.Tr key={d.id} data-disclosure={d.id}>
                    <Table.Td>
                      <ModelLink model={d.model} />
                      {!d.model && d.header.model && (
                        <Text size="xs" c="dimmed">
                          {[d.header.manufacturer, d.header.model].filter(Boolean).join(' ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <FormBadge form={d.form} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/disclosures/${encodeURIComponent(d.id)}`} size="sm">
                        {d.header.documentId || d.fileName || t('disclosureUi.list.open')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{d.header.releaseDate ?? '—'}</Table.Td>
                    <Table.Td>{`${d.answeredCount} / ${d.questionCount}`}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={d.warningCount > 0 ? 'orange.7' : undefined}>
                        {d.warningCount}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(d.importedAt, i18n.language)}</Text>
                      <Text size="xs" c="dimmed">
                        {d.importedBy ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="light"
                          component={Link}
                          to={`/disclosures/${encodeURIComponent(d.id)}`}
                        >
                          {t('disclosureUi.list.evaluation')}
                        </Button>
                        {editable && (
                          <Tooltip label={t('disclosureUi.list.delete')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('disclosureUi.list.delete')}
                              loading={remove.isPending && remove.variables === d.id}
                              onClick={() => {
                                if (window.confirm(t('disclosureUi.list.confirmDelete'))) remove.mutate(d.id)
                              }}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  )
}
