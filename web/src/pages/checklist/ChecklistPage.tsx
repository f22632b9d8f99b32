import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDownload, IconUpload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router-dom'
import { canEdit, isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import {
  type ChecklistForm,
  type ChecklistScope,
  checklistApi,
  checklistKeys,
  invalidateChecklist,
} from '../../data/checklist.js'
import { downloadFile } from '../../data/reports.js'
import { useJa } from '../risk/parts.js'
import { ChecklistTable, CompletionBar } from './ChecklistTable.js'

/**
 * チェックリスト: the MHLW checklist as a self-assessment with evidence. Tabs: the hospital's own form (医療機関確認用),
 * vendors (事業者確認用: send the form, record the answers) and, for admins, the editions (load MHLW's newer .xlsx).
 */
export function ChecklistPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'hospital'
  return (
    <Stack gap="md">
      <PageHeader title={t('checklistUi.title')} />
      <Text size="sm" c="dimmed">
        {t('checklistUi.intro')}
      </Text>
      <Tabs
        value={tab}
        onChange={(v) => {
          const next = new URLSearchParams()
          if (v && v !== 'hospital') next.set('tab', v)
          setParams(next, { replace: true })
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="hospital">{t('checklistUi.tab.hospital')}</Tabs.Tab>
          <Tabs.Tab value="vendors">{t('checklistUi.tab.vendors')}</Tabs.Tab>
          {isAdmin(user) && <Tabs.Tab value="editions">{t('checklistUi.tab.editions')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="hospital" pt="md">
          <FormView form="hospital" />
        </Tabs.Panel>
        <Tabs.Panel value="vendors" pt="md">
          <VendorsView />
        </Tabs.Panel>
        {isAdmin(user) && (
          <Tabs.Panel value="editions" pt="md">
            <EditionsView />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  )
}

/** One form (the hospital's, or one vendor's) with its edition picker, completion and export buttons. */
function FormView({ form, vendorId }: { form: ChecklistForm; vendorId?: string }) {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const editions = useQuery({ queryKey: checklistKeys.editions(), queryFn: checklistApi.editions })
  const [edition, setEdition] = useState<string | undefined>(undefined)
  const scope: ChecklistScope = { form, edition, vendorId }
  const view = useQuery({ queryKey: checklistKeys.view(scope), queryFn: () => checklistApi.view(scope) })
  const exporter = useMutation({
    mutationFn: (format: 'xlsx' | 'pdf') =>
      downloadFile(checklistApi.exportPath(scope, format, ja ? 'ja' : 'en'), `checklist-${form}.${format}`),
  })
  const ofForm = (editions.data ?? []).filter((e) => e.form === form)
  const v = view.data
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="end" wrap="wrap">
        <Select
          label={t('checklistUi.edition')}
          data={ofForm.map((e) => ({ value: e.id, label: `${e.fiscalYearJa} ${ja ? e.titleJa : e.titleEn}` }))}
          value={edition ?? v?.edition.id ?? null}
          onChange={(val) => setEdition(val ?? undefined)}
          allowDeselect={false}
          w={420}
        />
        <Group gap="xs">
          {(['xlsx', 'pdf'] as const).map((f) => (
            <Button
              key={f}
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={exporter.isPending && exporter.variables === f}
              onClick={() => exporter.mutate(f)}
            >
              {t(`checklistUi.export.${f}`)}
            </Button>
          ))}
        </Group>
      </Group>
      {exporter.error && <ErrorAlert error={exporter.error} />}
      {view.error && <ErrorAlert error={view.error} />}
      {!v && !view.error && <Skeleton h={300} />}
      {v && (
        <>
          <Text size="xs" c="dimmed">
            {v.edition.fiscalYearJa} {ja ? v.edition.titleJa : v.edition.titleEn} · {v.edition.source}
            {v.edition.loadedAt ? ` · ${formatDateTime(v.edition.loadedAt, i18n.language)}` : ''}
          </Text>
          <CompletionBar completion={v.completion} />
          <ChecklistTable
            rows={v.rows}
            scope={scope}
            label={v.vendor ? t('checklistUi.vendorTable', { vendor: v.vendor.name }) : t('checklistUi.table')}
          />
        </>
      )}
    </Stack>
  )
}

/** Vendors: the list with progress, add a vendor, download its 事業者確認用 form, record its answers. */
function VendorsView() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const vendors = useQuery({ queryKey: checklistKeys.vendors(), queryFn: checklistApi.vendors })
  const [name, setName] = useState('')
  const [contact, setContact] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const add = useMutation({
    mutationFn: () =>
      checklistApi.addVendor({ name: name.trim(), ...(contact.trim() ? { contact: contact.trim() } : {}) }),
    onSuccess: async (v) => {
      setName('')
      setContact('')
      setSelected(v.id)
      await invalidateChecklist(qc)
    },
  })
  const form = useMutation({
    mutationFn: (a: { id: string; name: string; format: 'xlsx' | 'pdf' }) =>
      downloadFile(checklistApi.vendorFormPath(a.id, a.format), `vendor-form-${a.name}.${a.format}`),
  })
  const current = vendors.data?.find((v) => v.id === selected)
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('checklistUi.vendors.intro')}
      </Text>
      {canEdit(user) && (
        <Paper withBorder p="sm">
          <Group align="end" gap="sm" wrap="wrap">
            <TextInput
              label={t('checklistUi.vendors.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              w={260}
            />
            <TextInput
              label={t('checklistUi.vendors.contact')}
              value={contact}
              onChange={(e) => setContact(e.currentTarget.value)}
              w={260}
            />
            <Button disabled={!name.trim()} loading={add.isPending} onClick={() => add.mutate()}>
              {t('checklistUi.vendors.add')}
            </Button>
          </Group>
          {add.error && <ErrorAlert error={add.error} />}
        </Paper>
      )}
      {vendors.error && <ErrorAlert error={vendors.error} />}
      {form.error && <ErrorAlert error={form.error} />}
      {vendors.data && vendors.data.length === 0 && <Alert color="gray">{t('checklistUi.vendors.empty')}</Alert>}
      {vendors.data && vendors.data.length > 0 && (
        <Paper withBorder>
          <Table fz="sm" aria-label={t('checklistUi.vendors.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('checklistUi.vendors.name')}</Table.Th>
                <Table.Th>{t('checklistUi.vendors.contact')}</Table.Th>
                <Table.Th>{t('checklistUi.vendors.progress')}</Table.Th>
                <Table.Th>{t('checklistUi.vendors.created')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vendors.data.map((v) => (
                <Table.Tr key={v.id} data-vendor={v.id}>
                  <Table.Td fw={600}>{v.name}</Table.Td>
                  <Table.Td>{v.contact ?? '—'}</Table.Td>
                  <Table.Td>
                    {v.answered} / {v.total}
                  </Table.Td>
                  <Table.Td>{formatDateTime(v.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {(['xlsx', 'pdf'] as const).map((f) => (
                        <Button
                          key={f}
                          size="compact-xs"
                          variant="default"
                          leftSection={<IconDownload size={12} />}
                          onClick={() => form.mutate({ id: v.id, name: v.name, format: f })}
                          aria-label={t('checklistUi.vendors.downloadFor', { vendor: v.name, format: f })}
                        >
                          {f.toUpperCase()}
                        </Button>
                      ))}
                      <Button
                        size="compact-xs"
                        variant={selected === v.id ? 'filled' : 'light'}
                        onClick={() => setSelected(v.id)}
                        aria-label={t('checklistUi.vendors.recordFor', { vendor: v.name })}
                      >
                        {t('checklistUi.vendors.record')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {current && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('checklistUi.vendorTable', { vendor: current.name })}
          </Title>
          <FormView key={current.id} form="vendor" vendorId={current.id} />
        </Stack>
      )}
    </Stack>
  )
}

/** Editions (admin): the built-in ones and loaded ones; load a newer edition from MHLW's .xlsx form. */
function EditionsView() {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const qc = useQueryClient()
  const editions = useQuery({ queryKey: checklistKeys.editions(), queryFn: checklistApi.editions })
  const [file, setFile] = useState<File | null>(null)
  const load = useMutation({
    mutationFn: (f: File) => checklistApi.loadEdition(f),
    onSuccess: () => void invalidateChecklist(qc),
  })
  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Text size="sm" mb="xs">
          {t('checklistUi.editions.intro')}
        </Text>
        <Group align="end" gap="sm">
          <FileInput
            label={t('checklistUi.editions.file')}
            placeholder={t('checklistUi.editions.placeholder')}
            accept=".xlsx"
            value={file}
            onChange={(f) => {
              setFile(f)
              load.reset()
            }}
            w={360}
            clearable
          />
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={!file}
            loading={load.isPending}
            onClick={() => file && load.mutate(file)}
          >
            {t('checklistUi.editions.load')}
          </Button>
        </Group>
        {load.error && <ErrorAlert error={load.error} title={t('checklistUi.editions.refused')} />}
        {load.data && (
          <Alert color="teal" mt="sm" role="status">
            {t('checklistUi.editions.loaded', {
              title: ja ? load.data.titleJa : load.data.titleEn,
              count: load.data.items.length,
            })}
          </Alert>
        )}
      </Paper>
      {editions.error && <ErrorAlert error={editions.error} />}
      {editions.data && (
        <Paper withBorder>
          <Table fz="sm" aria-label={t('checklistUi.editions.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('checklistUi.editions.title')}</Table.Th>
                <Table.Th>{t('checklistUi.editions.form')}</Table.Th>
                <Table.Th>{t('checklistUi.editions.items')}</Table.Th>
                <Table.Th>{t('checklistUi.editions.source')}</Table.Th>
                <Table.Th>{t('checklistUi.editions.loadedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {editions.data.map((e) => (
                <Table.Tr key={e.id} data-edition={e.id}>
                  <Table.Td>
                    {e.fiscalYearJa} {ja ? e.titleJa : e.titleEn}{' '}
                    {e.builtIn && (
                      <Badge size="xs" variant="light">
                        {t('checklistUi.editions.builtIn')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`checklistUi.tab.${e.form === 'hospital' ? 'hospital' : 'vendors'}`)}</Table.Td>
                  <Table.Td>{e.items.length}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{e.source}</Text>
                  </Table.Td>
                  <Table.Td>{e.loadedAt ? formatDateTime(e.loadedAt, i18n.language) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  )
}
