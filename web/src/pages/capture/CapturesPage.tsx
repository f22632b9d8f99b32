import { Alert, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../../components/common.js'
import { JobProgress } from '../../components/JobProgress.js'
import { captureApi, captureKeys, useCaptures } from '../../data/capture.js'

/** 通信の記録: what listening is, the upload with its job's progress, and the list of imports. */
export function CapturesPage() {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const qc = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const captures = useCaptures()
  const upload = useMutation({
    mutationFn: (f: File) => captureApi.upload(f),
    onSuccess: (r) => {
      setJobId(r.jobId)
      void qc.invalidateQueries({ queryKey: captureKeys.all })
    },
  })
  return (
    <Stack>
      <PageHeader title={t('capture.title')}>
        <Button component={Link} to="/discovery/traffic" variant="light">
          {t('capture.mapTitle')}
        </Button>
      </PageHeader>
      <Text>{t('capture.intro')}</Text>
      <Text size="sm" c="dimmed">
        {t('capture.howTo')}
      </Text>
      <Group align="end">
        <FileInput
          label={t('capture.file')}
          description={t('capture.fileHint')}
          value={file}
          onChange={setFile}
          clearable
          w={360}
        />
        <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
          {t('capture.upload')}
        </Button>
      </Group>
      {upload.error && <ErrorAlert error={upload.error} />}
      {jobId && (
        <JobProgress jobId={jobId} onFinished={() => void qc.invalidateQueries({ queryKey: captureKeys.all })} />
      )}
      {captures.error && <ErrorAlert error={captures.error} />}
      {captures.data && captures.data.length === 0 && <Alert>{t('capture.none')}</Alert>}
      {captures.data && captures.data.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('capture.col.file')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.kind')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.status')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.packets')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.hosts')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.findings')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.problems')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.when')}</Table.Th>
              <Table.Th scope="col">{t('capture.col.who')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {captures.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Link to={`/discovery/captures/${encodeURIComponent(c.id)}`}>{c.label}</Link>
                </Table.Td>
                <Table.Td>{t(`capture.kind.${c.kind}`)}</Table.Td>
                <Table.Td>{t(`capture.status.${c.status}`)}</Table.Td>
                <Table.Td>{formatNumber(c.packets, lang)}</Table.Td>
                <Table.Td>{formatNumber(c.hosts, lang)}</Table.Td>
                <Table.Td>{formatNumber(c.findings, lang)}</Table.Td>
                <Table.Td>
                  {formatNumber(
                    Object.values(c.problemCounts).reduce((a, b) => a + b, 0),
                    lang,
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(c.createdAt, lang)}</Table.Td>
                <Table.Td>{c.createdBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
