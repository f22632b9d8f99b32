import { Alert, Badge, Button, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconFileUpload, IconUpload } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FeedImportResult } from '../../../../api/vulns.js'
import { ErrorAlert, inLanguage } from '../../components/common.js'
import { invalidateVulns, vulnsApi } from '../../data/vulns.js'
import { HeadRow } from './parts.js'

const ACCEPT = '.json,.csv,.xml,.gz,.zip,application/json,text/csv,application/gzip'

/**
 * Imports feed files without a network: CSAF advisories and VEX, CISA KEV, EPSS CSV, NVD and JVN files, CycloneDX
 * VEX or another installation's offline bundle. Each chosen file is sent on its own and its result listed: what it
 * was read as, how much was stored, and every problem with its file and JSON path.
 */
export function FeedImport() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [files, setFiles] = useState<File[]>([])
  const [results, setResults] = useState<FeedImportResult[]>([])
  const upload = useMutation({
    mutationFn: async (chosen: File[]) => {
      const out: FeedImportResult[] = []
      // One request per file: a bad file is refused whole and the others still import.
      for (const f of chosen) out.push(await vulnsApi.importFeed(f))
      return out
    },
    onMutate: () => setResults([]),
    onSuccess: (out) => setResults(out),
    onSettled: () => void invalidateVulns(qc),
  })
  const rows = results.flatMap((r) => r.files)
  const newMatches = results.reduce((n, r) => n + r.newMatches, 0)

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="feeds-import">
      <Stack gap="sm">
        <Title order={3} size="h5" id="feeds-import">
          {t('feeds.upload.title')}
        </Title>
        <Text size="sm">{t('feeds.upload.intro')}</Text>
        <Group align="end">
          <FileInput
            label={t('feeds.upload.file')}
            placeholder={t('feeds.upload.placeholder')}
            accept={ACCEPT}
            multiple
            value={files}
            onChange={(f) => {
              setFiles(f)
              upload.reset()
            }}
            leftSection={<IconFileUpload size={16} />}
            clearable
            w={420}
          />
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={files.length === 0}
            loading={upload.isPending}
            onClick={() => upload.mutate(files)}
          >
            {t('feeds.upload.submit')}
          </Button>
        </Group>
        {upload.error && <ErrorAlert error={upload.error} title={t('feeds.upload.refused')} />}
        {rows.length > 0 && (
          <>
            <Alert color="teal" title={t('feeds.upload.done')}>
              {t('feeds.upload.newMatches', { count: newMatches })}
            </Alert>
            <ImportedFiles rows={rows} />
          </>
        )}
      </Stack>
    </Paper>
  )
}

function ImportedFiles({ rows }: { rows: FeedImportResult['files'] }) {
  const { t, i18n } = useTranslation()
  const problems = rows.flatMap((r) => r.problems)
  return (
    <Stack gap="sm">
      <Table fz="sm" aria-label={t('feeds.upload.resultTable')}>
        <HeadRow labels={[t('feeds.col.file'), t('feeds.col.kind'), t('feeds.col.stored'), t('feeds.col.problems')]} />
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.file} data-file={r.file}>
              <Table.Td>{r.file}</Table.Td>
              <Table.Td>{r.kind ? t(`feeds.kind.${r.kind}`) : t('feeds.kind.unknown')}</Table.Td>
              <Table.Td>{r.stored}</Table.Td>
              <Table.Td>
                {r.problems.length > 0 ? (
                  <Badge color="orange">{r.problems.length}</Badge>
                ) : (
                  t('feeds.upload.noProblem')
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {problems.length > 0 && (
        <Table fz="sm" aria-label={t('feeds.upload.problemTable')}>
          <HeadRow labels={[t('feeds.col.file'), t('feeds.col.path'), t('feeds.col.message')]} />
          <Table.Tbody>
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one place can carry several problems
              <Table.Tr key={i} data-severity={p.severity}>
                <Table.Td>{p.file}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {p.path ?? t('feeds.upload.wholeFile')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" color={p.severity === 'error' ? 'red' : 'orange'} mr={6}>
                    {t(`feeds.severity.${p.severity}`)}
                  </Badge>
                  {inLanguage(i18n.language, p.message, p.messageJa)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
