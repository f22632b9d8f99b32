import { ActionIcon, Alert, Button, FileInput, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconFileCode, IconTrash, IconUpload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert, formatDateTime, inLanguage } from '../../components/common.js'
import { invalidateVulns, vulnKeys, vulnsApi } from '../../data/vulns.js'
import { ComponentsEditor } from './ComponentsEditor.js'
import { HeadRow } from './parts.js'

const ACCEPT = '.json,.xml,.spdx,.txt,application/json,application/xml,text/plain'

/**
 * On the catalog model page: the manufacturer's SBOM (CycloneDX or SPDX) uploaded once for the model so it applies to
 * every device confirmed as the model, the SBOMs on file, and the model's components.
 */
export function ModelComponentsPanel({ modelId, editable }: { modelId: string; editable: boolean }) {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const owner = { modelId }
  const sboms = useQuery({ queryKey: vulnKeys.sboms(owner), queryFn: () => vulnsApi.sboms(owner) })
  const [file, setFile] = useState<File | null>(null)
  // The file picker opens on request: the model page keeps one file input per task (declared ports have theirs).
  const [choosing, setChoosing] = useState(false)
  const upload = useMutation({
    mutationFn: (f: File) => vulnsApi.uploadSbom(owner, f),
    onSuccess: () => {
      setFile(null)
      setChoosing(false)
      void invalidateVulns(qc)
    },
  })
  const remove = useMutation({ mutationFn: vulnsApi.removeSbom, onSuccess: () => void invalidateVulns(qc) })
  const result = upload.data

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="model-sbom">
      <Stack gap="sm">
        <Title order={3} size="h5" id="model-sbom">
          {t('vulns.sbom.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('vulns.sbom.intro')}
        </Text>
        {editable && !choosing && (
          <Button
            variant="light"
            leftSection={<IconFileCode size={16} />}
            onClick={() => setChoosing(true)}
            w="fit-content"
          >
            {t('vulns.sbom.add')}
          </Button>
        )}
        {editable && choosing && (
          <Group align="end">
            <FileInput
              label={t('vulns.sbom.file')}
              placeholder={t('vulns.sbom.placeholder')}
              accept={ACCEPT}
              value={file}
              onChange={(f) => {
                setFile(f)
                upload.reset()
              }}
              leftSection={<IconFileCode size={16} />}
              clearable
              w={360}
            />
            <Button
              leftSection={<IconUpload size={16} />}
              disabled={!file}
              loading={upload.isPending}
              onClick={() => file && upload.mutate(file)}
            >
              {t('vulns.sbom.upload')}
            </Button>
          </Group>
        )}
        {upload.error && <ErrorAlert error={upload.error} title={t('vulns.sbom.refused')} />}
        {result && (
          <Alert color="teal" title={t('vulns.sbom.done')}>
            {t('vulns.sbom.doneText', {
              components: result.sbom.componentCount,
              devices: result.devices,
              vex: result.vexStatements,
            })}
            {result.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one place can carry several problems
              <Text key={i} size="xs" c="orange.8">
                {[p.file, p.path].filter(Boolean).join(' ')}: {inLanguage(i18n.language, p.message, p.messageJa)}
              </Text>
            ))}
          </Alert>
        )}
        {sboms.error && <ErrorAlert error={sboms.error} />}
        {remove.error && <ErrorAlert error={remove.error} />}
        {sboms.data && sboms.data.length > 0 && (
          <Table fz="sm" aria-label={t('vulns.sbom.list')}>
            <HeadRow
              labels={[
                t('vulns.sbom.fileName'),
                t('vulns.sbom.format'),
                t('vulns.sbom.components'),
                t('vulns.sbom.imported'),
                '',
              ]}
            />
            <Table.Tbody>
              {sboms.data.map((s) => (
                <Table.Tr key={s.id} data-sbom={s.id}>
                  <Table.Td>{s.fileName ?? s.serialNumber ?? '—'}</Table.Td>
                  <Table.Td>{`${s.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} ${s.specVersion.replace(/^SPDX-/i, '')}`}</Table.Td>
                  <Table.Td>{s.componentCount}</Table.Td>
                  <Table.Td>
                    {formatDateTime(s.importedAt, i18n.language)}
                    {s.importedBy ? ` · ${s.importedBy}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {editable && (
                      <Tooltip label={t('vulns.sbom.delete')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('vulns.sbom.delete')}
                          onClick={() => {
                            if (window.confirm(t('vulns.sbom.confirmDelete'))) remove.mutate(s.id)
                          }}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ComponentsEditor owner={owner} editable={editable} />
      </Stack>
    </Paper>
  )
}
