import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDownload, IconSend, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { downloadFile, type ReportLang, type ReportScheduleInput, reportKeys, reportsApi } from '../../data/reports.js'

/**
 * レポート: the management report (経営層向け, PDF or Word, Japanese or English), the inspection pack (立入検査), and
 * for admins the e-mail schedules (a missing SMTP server is said plainly).
 */
export function ReportsPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  return (
    <Stack gap="md">
      <PageHeader title={t('reportUi.title')} />
      <Text size="sm" c="dimmed">
        {t('reportUi.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ManagementCard />
        <InspectionCard />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('reportUi.deviceCardHint')}
      </Text>
      {isAdmin(user) && <Schedules />}
    </Stack>
  )
}

function LangPicker({
  value,
  onChange,
  label,
}: {
  value: ReportLang
  onChange: (v: ReportLang) => void
  label: string
}) {
  return (
    <SegmentedControl
      aria-label={label}
      value={value}
      onChange={(v) => onChange(v === 'en' ? 'en' : 'ja')}
      data={[
        { value: 'ja', label: '日本語' },
        { value: 'en', label: 'English' },
      ]}
    />
  )
}

function ManagementCard() {
  const { t, i18n } = useTranslation()
  const [lang, setLang] = useState<ReportLang>(i18n.language.startsWith('en') ? 'en' : 'ja')
  const [format, setFormat] = useState<'pdf' | 'docx'>('pdf')
  const dl = useMutation({
    mutationFn: () => downloadFile(reportsApi.managementPath(lang, format), `management-report-${lang}.${format}`),
  })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-management">
      <Title order={3} size="h5" mb="xs" id="report-management">
        {t('reportUi.management.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('reportUi.management.intro')}
      </Text>
      <Group gap="sm" mb="sm">
        <LangPicker value={lang} onChange={setLang} label={t('reportUi.management.lang')} />
        <SegmentedControl
          aria-label={t('reportUi.management.format')}
          value={format}
          onChange={(v) => setFormat(v === 'docx' ? 'docx' : 'pdf')}
          data={[
            { value: 'pdf', label: 'PDF' },
            { value: 'docx', label: 'Word (.docx)' },
          ]}
        />
      </Group>
      <Button leftSection={<IconDownload size={16} />} loading={dl.isPending} onClick={() => dl.mutate()}>
        {t('reportUi.management.download')}
      </Button>
      {dl.error && <ErrorAlert error={dl.error} />}
    </Paper>
  )
}

function InspectionCard() {
  const { t, i18n } = useTranslation()
  const [lang, setLang] = useState<ReportLang>(i18n.language.startsWith('en') ? 'en' : 'ja')
  const dl = useMutation({
    mutationFn: () => downloadFile(reportsApi.inspectionPath(lang), `inspection-pack-${lang}.pdf`),
  })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-inspection">
      <Title order={3} size="h5" mb="xs" id="report-inspection">
        {t('reportUi.inspection.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('reportUi.inspection.intro')}
      </Text>
      <Group gap="sm" mb="sm">
        <LangPicker value={lang} onChange={setLang} label={t('reportUi.inspection.lang')} />
      </Group>
      <Button leftSection={<IconDownload size={16} />} loading={dl.isPending} onClick={() => dl.mutate()}>
        {t('reportUi.inspection.download')}
      </Button>
      {dl.error && <ErrorAlert error={dl.error} />}
    </Paper>
  )
}

const EMPTY: ReportScheduleInput = { kind: 'management', lang: 'ja', cron: '0 7 1 * *', recipients: [] }

function Schedules() {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const q = useQuery({ queryKey: reportKeys.schedules(), queryFn: reportsApi.schedules })
  const [form, setForm] = useState<ReportScheduleInput>(EMPTY)
  const refresh = () => void qc.invalidateQueries({ queryKey: reportKeys.schedules() })
  const add = useMutation({
    mutationFn: () => reportsApi.addSchedule(form),
    onSuccess: () => {
      setForm(EMPTY)
      refresh()
    },
  })
  const remove = useMutation({ mutationFn: reportsApi.removeSchedule, onSuccess: refresh })
  const send = useMutation({ mutationFn: reportsApi.sendNow, onSuccess: refresh })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-schedules">
      <Title order={3} size="h5" mb="xs" id="report-schedules">
        {t('reportUi.schedules.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('reportUi.schedules.intro')}
      </Text>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={80} />}
      {q.data && q.data.length === 0 && <Alert color="gray">{t('reportUi.schedules.empty')}</Alert>}
      {q.data && q.data.length > 0 && (
        <Table fz="sm" aria-label={t('reportUi.schedules.title')} mb="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reportUi.schedules.kind')}</Table.Th>
              <Table.Th>{t('reportUi.schedules.lang')}</Table.Th>
              <Table.Th>{t('reportUi.schedules.cron')}</Table.Th>
              <Table.Th>{t('reportUi.schedules.recipients')}</Table.Th>
              <Table.Th>{t('reportUi.schedules.lastSent')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((s) => (
              <Table.Tr key={s.id} data-schedule={s.id}>
                <Table.Td>{t(`reportUi.kind.${s.kind}`)}</Table.Td>
                <Table.Td>{s.lang === 'ja' ? '日本語' : 'English'}</Table.Td>
                <Table.Td>
                  <code>{s.cron}</code>
                </Table.Td>
                <Table.Td>{s.recipients.join(', ')}</Table.Td>
                <Table.Td>
                  {formatDateTime(s.lastSentAt, i18n.language)}
                  {s.lastError && (
                    <Text size="xs" c="red.7">
                      {s.lastError}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconSend size={12} />}
                      loading={send.isPending && send.variables === s.id}
                      onClick={() => send.mutate(s.id)}
                    >
                      {t('reportUi.schedules.sendNow')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={12} />}
                      loading={remove.isPending && remove.variables === s.id}
                      onClick={() => remove.mutate(s.id)}
                      aria-label={t('reportUi.schedules.deleteOne', { cron: s.cron })}
                    >
                      {t('reportUi.schedules.delete')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {send.error && <ErrorAlert error={send.error} />}
      {send.data && (
        <Text size="sm" c="teal.7" role="status">
          {t('reportUi.schedules.sent', { count: send.data.sent })}
        </Text>
      )}
      {remove.error && <ErrorAlert error={remove.error} />}
      <Title order={4} size="h6" mt="md" mb="xs">
        {t('reportUi.schedules.add')}
      </Title>
      <Group align="end" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label={t('reportUi.schedules.kind')}
          value={form.kind}
          onChange={(v) => setForm((f) => ({ ...f, kind: v === 'inspection' ? 'inspection' : 'management' }))}
          data={[
            { value: 'management', label: t('reportUi.kind.management') },
            { value: 'inspection', label: t('reportUi.kind.inspection') },
          ]}
        />
        <LangPicker
          value={form.lang}
          onChange={(lang) => setForm((f) => ({ ...f, lang }))}
          label={t('reportUi.schedules.lang')}
        />
        <TextInput
          label={t('reportUi.schedules.cron')}
          description={t('reportUi.schedules.cronHint')}
          value={form.cron}
          onChange={(e) => {
            const cron = e.currentTarget.value
            setForm((f) => ({ ...f, cron }))
          }}
          w={180}
        />
        <TagsInput
          label={t('reportUi.schedules.recipients')}
          description={t('reportUi.schedules.recipientsHint')}
          value={form.recipients}
          onChange={(recipients) => setForm((f) => ({ ...f, recipients }))}
          w={360}
        />
        <Button loading={add.isPending} disabled={form.recipients.length === 0} onClick={() => add.mutate()}>
          {t('reportUi.schedules.addButton')}
        </Button>
      </Group>
      {add.error && <ErrorAlert error={add.error} />}
    </Paper>
  )
}
