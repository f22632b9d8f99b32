import { Alert, Anchor, Button, Group, Paper, Stack, Table, Tabs, Text, TextInput } from '@mantine/core'
import { IconLink, IconPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import type { SuggestionCountsDto } from '../../../../api/catalog.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { invalidateCatalog, modelKeys, modelsApi, versionRange } from '../../data/models.js'
import { AliasTable } from './AliasTable.js'
import { CandidatesPanel } from './CandidatesPanel.js'

/** The model catalog: models with device counts, candidates from the ledger, and the manufacturer alias table. */
export function CatalogPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'models'
  const [counts, setCounts] = useState<SuggestionCountsDto | null>(null)
  const suggest = useMutation({
    mutationFn: modelsApi.suggestLinks,
    onSuccess: (c) => {
      setCounts(c)
      void invalidateCatalog(qc)
    },
  })

  return (
    <Stack gap="md">
      <PageHeader title={t('catalog.title')}>
        {canEdit(user) && (
          <Button leftSection={<IconLink size={16} />} loading={suggest.isPending} onClick={() => suggest.mutate()}>
            {t('catalog.suggestLinks')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('catalog.intro')}
      </Text>
      {suggest.error && <ErrorAlert error={suggest.error} />}
      {counts && (
        <Alert color="teal" withCloseButton onClose={() => setCounts(null)}>
          {t('catalog.suggested', counts)}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'models' ? { tab: v } : {})}>
        <Tabs.List>
          <Tabs.Tab value="models">{t('catalog.tabs.models')}</Tabs.Tab>
          <Tabs.Tab value="candidates">{t('catalog.tabs.candidates')}</Tabs.Tab>
          <Tabs.Tab value="aliases">{t('catalog.tabs.aliases')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="models" pt="md">
          <ModelsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="candidates" pt="md">
          <CandidatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="aliases" pt="md">
          <AliasTable />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

function ModelsPanel() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const models = useQuery({ queryKey: modelKeys.list(), queryFn: modelsApi.list })
  const [form, setForm] = useState({ manufacturer: '', name: '', versionFrom: '', versionTo: '' })
  const create = useMutation({
    mutationFn: () =>
      modelsApi.create({
        manufacturer: form.manufacturer,
        name: form.name,
        versionFrom: form.versionFrom || null,
        versionTo: form.versionTo || null,
      }),
    onSuccess: () => {
      setForm({ manufacturer: '', name: '', versionFrom: '', versionTo: '' })
      void invalidateCatalog(qc)
    },
  })
  const field = (key: keyof typeof form, required = false) => (
    <TextInput
      size="xs"
      label={t(`catalog.fields.${key}`)}
      value={form[key]}
      required={required}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
    />
  )

  return (
    <Stack gap="sm">
      {canEdit(user) && (
        <Paper withBorder p="sm">
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault()
              create.mutate()
            }}
          >
            <Group align="flex-end" gap="xs">
              {field('manufacturer', true)}
              {field('name', true)}
              {field('versionFrom')}
              {field('versionTo')}
              <Button type="submit" size="xs" leftSection={<IconPlus size={14} />} loading={create.isPending}>
                {t('catalog.create')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t('catalog.createHint')}
            </Text>
          </form>
          {create.error && <ErrorAlert error={create.error} />}
        </Paper>
      )}
      {models.error && <ErrorAlert error={models.error} />}
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalog.fields.vendor')}</Table.Th>
            <Table.Th>{t('catalog.fields.name')}</Table.Th>
            <Table.Th>{t('catalog.fields.versions')}</Table.Th>
            <Table.Th ta="right">{t('catalog.confirmed')}</Table.Th>
            <Table.Th ta="right">{t('catalog.suggestedCount')}</Table.Th>
            <Table.Th ta="right">{t('catalog.disclosures')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(models.data ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.vendor}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/catalog/models/${encodeURIComponent(m.id)}`} size="sm">
                  {m.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{versionRange(m) ?? t('catalog.anyVersion')}</Table.Td>
              <Table.Td ta="right">{m.confirmed}</Table.Td>
              <Table.Td ta="right">{m.suggested}</Table.Td>
              <Table.Td ta="right">{m.disclosures}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {models.data && models.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('catalog.empty')}
        </Text>
      )}
    </Stack>
  )
}
