import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconCheck, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { IMPORT_FIELDS, type ImportPreview, type ImportProblemDto, type ImportResult } from '../../../api/import.js'
import { api } from '../api.js'
import { canEdit, useAuth } from '../auth.js'
import { ErrorAlert, formatNumber, PageHeader } from '../components/common.js'

/**
 * A problem's reason in the UI language: Japanese users read messageJa, everyone else the English message (also the
 * fallback should a server ever send an empty Japanese text).
 */
export function problemMessage(p: Pick<ImportProblemDto, 'message' | 'messageJa'>, language: string): string {
  return language.startsWith('ja') && p.messageJa ? p.messageJa : p.message
}

function Count({ label, value, color }: { label: string; value: number; color: string }) {
  const { i18n } = useTranslation()
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {formatNumber(value, i18n.language)}
      </Text>
    </Paper>
  )
}

/**
 * Import wizard: choose a CSV/XLSX file → the server parses it and answers a dry run (nothing written) →
 * the user reviews counts, column mapping and every rejected row → Confirm commits it in one transaction.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation()
  const lang = i18n.resolvedLanguage ?? i18n.language
  const reason = (p: ImportProblemDto) => problemMessage(p, lang)
  const { user } = useAuth()
  const qc = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  /** The person's column choices (header → field id or null), sent with every re-check and with the commit. */
  const [mapping, setMapping] = useState<Record<string, string | null> | null>(null)

  const upload = useMutation({
    mutationFn: (f: File) => {
      const body = new FormData()
      body.append('file', f, f.name)
      return api<ImportPreview>('/api/imports', { method: 'POST', body })
    },
    onSuccess: (p) => {
      setPreview(p)
      setMapping(null)
    },
  })

  const remap = useMutation({
    mutationFn: (m: { importId: string; mapping: Record<string, string | null> }) =>
      api<ImportPreview>(`/api/imports/${encodeURIComponent(m.importId)}/mapping`, {
        method: 'POST',
        json: { mapping: m.mapping },
      }),
    onSuccess: (p) => setPreview(p),
  })
  const chooseField = (header: string, field: string | null) => {
    if (!preview) return
    const next = { ...(mapping ?? preview.mapping), [header]: field }
    setMapping(next)
    remap.mutate({ importId: preview.importId, mapping: next })
  }
  const fieldOptions = [
    { value: '', label: t('import.ignored') },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: `${t(`fields.${f}`, { defaultValue: f })}` })),
  ]

  const commit = useMutation({
    mutationFn: (importId: string) =>
      api<ImportResult>(`/api/imports/${encodeURIComponent(importId)}/commit`, {
        method: 'POST',
        ...(mapping ? { json: { mapping } } : {}),
      }),
    onSuccess: (r) => {
      setResult(r)
      void qc.invalidateQueries({ queryKey: ['devices'] })
      void qc.invalidateQueries({ queryKey: ['dashboard'] })
      void qc.invalidateQueries({ queryKey: ['facets'] })
    },
  })

  const reset = () => {
    setFile(null)
    setPreview(null)
    setResult(null)
    setMapping(null)
    remap.reset()
    upload.reset()
    commit.reset()
  }

  if (!canEdit(user)) {
    return (
      <>
        <PageHeader title={t('import.title')} />
        <Alert color="gray">{t('import.noPermission')}</Alert>
      </>
    )
  }

  const step = result ? 2 : preview ? 1 : 0
  const errors = preview?.problems.filter((p) => p.severity === 'error') ?? []
  const warnings = preview?.problems.filter((p) => p.severity === 'warning') ?? []
  /** A rejected row's summary from its first error, so that it follows the UI language like the tables above. */
  const rejectSummary = (s: ImportPreview['sample'][number]) => {
    const first = s.action === 'reject' ? errors.find((p) => p.row === s.row) : undefined
    return first ? `${first.column ? `${first.column}: ` : ''}${reason(first)}` : s.summary
  }
  const canConfirm = preview !== null && !preview.fatal && !remap.isPending && preview.toCreate + preview.toUpdate > 0
  const uiLang = lang.startsWith('ja') ? 'ja' : 'en'

  return (
    <Stack gap="md">
      <PageHeader title={t('import.title')} />
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('import.step.choose')} description={t('import.step.chooseHint')}>
          <Paper withBorder p="md" maw={640}>
            <Stack gap="sm">
              <Text size="sm">{t('import.intro')}</Text>
              <FileInput
                label={t('import.file')}
                placeholder={t('import.filePlaceholder')}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={setFile}
                leftSection={<IconFileSpreadsheet size={16} />}
                clearable
              />
              {upload.error && <ErrorAlert error={upload.error} title={t('import.uploadFailed')} />}
              <Group gap="xs">
                <Text size="sm">{t('import.template')}:</Text>
                <Button
                  component="a"
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconDownload size={14} />}
                  href={`/api/imports/template?format=xlsx&lang=${uiLang}`}
                  download
                >
                  {t('import.templateXlsx')}
                </Button>
                <Button
                  component="a"
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconDownload size={14} />}
                  href={`/api/imports/template?format=csv&lang=${uiLang}`}
                  download
                >
                  {t('import.templateCsv')}
                </Button>
              </Group>
              <Group>
                <Button
                  leftSection={<IconUpload size={16} />}
                  disabled={!file}
                  loading={upload.isPending}
                  onClick={() => file && upload.mutate(file)}
                >
                  {t('import.upload')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Stepper.Step>

        <Stepper.Step label={t('import.step.preview')} description={t('import.step.previewHint')}>
          {preview && (
            <Stack gap="md">
              <Alert color="blue" role="status">
                {t('import.dryRunNotice', {
                  file: preview.fileName,
                  format: preview.format.toUpperCase(),
                  encoding: preview.encoding ?? '—',
                  rows: preview.totalRows,
                })}
              </Alert>
              {remap.error && <ErrorAlert error={remap.error} title={t('import.remapFailed')} />}
              {preview.fatal && (
                <Alert color="red" role="alert" title={t('import.fatalTitle')}>
                  {errors.map(reason).join(lang.startsWith('ja') ? '' : ' ')}
                </Alert>
              )}
              <SimpleGrid cols={{ base: 2, md: 4 }}>
                <Count label={t('import.toCreate')} value={preview.toCreate} color="teal.7" />
                <Count label={t('import.toUpdate')} value={preview.toUpdate} color="indigo.7" />
                <Count label={t('import.unchanged')} value={preview.unchanged} color="gray.7" />
                <Count label={t('import.rejected')} value={preview.rejected} color="red.7" />
              </SimpleGrid>

              {errors.length > 0 && !preview.fatal && (
                <Paper withBorder p="md">
                  <Title order={3} size="h5" mb="xs">
                    {t('import.rejectedRows', { rows: preview.rejected, n: errors.length })}
                  </Title>
                  <Button
                    component="a"
                    mb="xs"
                    size="compact-sm"
                    variant="light"
                    color="red"
                    leftSection={<IconDownload size={14} />}
                    href={`/api/imports/${encodeURIComponent(preview.importId)}/rejected?lang=${uiLang}`}
                    download
                  >
                    {t('import.downloadRejected')}
                  </Button>
                  <ScrollArea.Autosize mah={360}>
                    <Table striped fz="sm" aria-label={t('import.rejectedRowsLabel')}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={70}>{t('import.col.row')}</Table.Th>
                          <Table.Th w={180}>{t('import.col.column')}</Table.Th>
                          <Table.Th w={200}>{t('import.col.value')}</Table.Th>
                          <Table.Th>{t('import.col.reason')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {errors.map((p, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the same row/column can carry several problems
                          <Table.Tr key={i}>
                            <Table.Td>{p.row ?? '—'}</Table.Td>
                            <Table.Td>{p.column ?? '—'}</Table.Td>
                            <Table.Td className="mono">{p.value ?? ''}</Table.Td>
                            <Table.Td>{reason(p)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea.Autosize>
                </Paper>
              )}

              {warnings.length > 0 && (
                <Paper withBorder p="md">
                  <Title order={3} size="h5" mb="xs">
                    {t('import.warnings', { n: warnings.length })}
                  </Title>
                  <ScrollArea.Autosize mah={240}>
                    <Table fz="sm">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={70}>{t('import.col.row')}</Table.Th>
                          <Table.Th w={180}>{t('import.col.column')}</Table.Th>
                          <Table.Th w={200}>{t('import.col.value')}</Table.Th>
                          <Table.Th>{t('import.col.reason')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {warnings.map((p, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the same row/column can carry several problems
                          <Table.Tr key={i}>
                            <Table.Td>{p.row ?? '—'}</Table.Td>
                            <Table.Td>{p.column ?? '—'}</Table.Td>
                            <Table.Td className="mono">{p.value ?? ''}</Table.Td>
                            <Table.Td>{reason(p)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea.Autosize>
                </Paper>
              )}

              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Paper withBorder p="md">
                  <Title order={3} size="h5" mb="xs">
                    {t('import.mapping')}
                  </Title>
                  <Text size="xs" c="dimmed" mb="xs">
                    {t('import.mappingHint')}
                  </Text>
                  <ScrollArea.Autosize mah={320}>
                    <Table fz="sm" aria-label={t('import.mapping')}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('import.col.header')}</Table.Th>
                          <Table.Th>{t('import.col.field')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {Object.entries(preview.mapping).map(([header, field]) => (
                          <Table.Tr key={header}>
                            <Table.Td>{header}</Table.Td>
                            <Table.Td>
                              {field?.startsWith('customFields.') ? (
                                `${field.slice('customFields.'.length)} (${t('fields.customFields')})`
                              ) : (
                                <Select
                                  size="xs"
                                  aria-label={`${t('import.col.field')}: ${header}`}
                                  data={fieldOptions}
                                  value={field ?? ''}
                                  allowDeselect={false}
                                  searchable
                                  disabled={remap.isPending}
                                  onChange={(v) => chooseField(header, v ? v : null)}
                                  comboboxProps={{ withinPortal: true }}
                                />
                              )}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea.Autosize>
                  {preview.unknownColumns.length > 0 && (
                    <Alert color="yellow" mt="sm" title={t('import.unknownColumns')}>
                      <Group gap={4}>
                        {preview.unknownColumns.map((c) => (
                          <Badge key={c} variant="outline" color="yellow">
                            {c}
                          </Badge>
                        ))}
                      </Group>
                      <Text size="xs" mt={4}>
                        {t('import.unknownColumnsHint')}
                      </Text>
                    </Alert>
                  )}
                </Paper>
                <Paper withBorder p="md">
                  <Title order={3} size="h5" mb="xs">
                    {t('import.sample')}
                  </Title>
                  <ScrollArea.Autosize mah={360}>
                    <Table fz="sm">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={60}>{t('import.col.row')}</Table.Th>
                          <Table.Th w={90}>{t('import.col.action')}</Table.Th>
                          <Table.Th>{t('fields.assetTag')}</Table.Th>
                          <Table.Th>{t('import.col.summary')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {preview.sample.map((s) => (
                          <Table.Tr key={`${s.row}-${s.action}`}>
                            <Table.Td>{s.row}</Table.Td>
                            <Table.Td>
                              <Badge
                                size="xs"
                                variant="light"
                                color={
                                  s.action === 'create'
                                    ? 'teal'
                                    : s.action === 'update'
                                      ? 'indigo'
                                      : s.action === 'reject'
                                        ? 'red'
                                        : 'gray'
                                }
                              >
                                {t(`enums.importAction.${s.action}`)}
                              </Badge>
                            </Table.Td>
                            <Table.Td>{s.assetTag ?? '—'}</Table.Td>
                            <Table.Td>
                              {rejectSummary(s)}
                              {s.matchedBy && (
                                <Text span size="xs" c="dimmed">
                                  {' '}
                                  (
                                  {t('import.matchedBy', {
                                    field: t(`fields.${s.matchedBy}`, { defaultValue: s.matchedBy }),
                                  })}
                                  )
                                </Text>
                              )}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea.Autosize>
                </Paper>
              </SimpleGrid>

              {commit.error && <ErrorAlert error={commit.error} title={t('import.commitFailed')} />}
              <Group>
                <Button variant="default" onClick={reset}>
                  {t('import.chooseAnother')}
                </Button>
                <Button
                  leftSection={<IconCheck size={16} />}
                  disabled={!canConfirm}
                  loading={commit.isPending}
                  onClick={() => preview && commit.mutate(preview.importId)}
                >
                  {t('import.confirm', { n: preview.toCreate + preview.toUpdate })}
                </Button>
              </Group>
              {!canConfirm && !preview.fatal && (
                <Text size="sm" c="dimmed">
                  {t('import.nothingToDo')}
                </Text>
              )}
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step label={t('import.step.done')} description={t('import.step.doneHint')}>
          {result && (
            <Stack gap="md">
              <Alert color="teal" title={t('import.doneTitle')} role="status">
                {t('import.doneBody', {
                  created: result.created,
                  updated: result.updated,
                  unchanged: result.unchanged,
                  rejected: result.rejected,
                })}
              </Alert>
              <SimpleGrid cols={{ base: 2, md: 4 }}>
                <Count label={t('import.created')} value={result.created} color="teal.7" />
                <Count label={t('import.updated')} value={result.updated} color="indigo.7" />
                <Count label={t('import.unchanged')} value={result.unchanged} color="gray.7" />
                <Count label={t('import.rejected')} value={result.rejected} color="red.7" />
              </SimpleGrid>
              <Group>
                <Button component={Link} to="/devices">
                  {t('import.openLedger')}
                </Button>
                <Button variant="default" onClick={reset}>
                  {t('import.another')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
      </Stepper>
    </Stack>
  )
}
