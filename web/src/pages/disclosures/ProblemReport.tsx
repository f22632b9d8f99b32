import { Alert, ScrollArea, Table } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { DisclosureProblemOut } from '../../../../api/disclosure.js'
import { ApiError } from '../../api.js'
import { ErrorAlert, inLanguage, useErrorMessage } from '../../components/common.js'

/**
 * Warnings a reader kept with a disclosure, one line per cell: sheet, row, column, the value as found and why, in
 * the UI's language (a mistyped id it normalised, an answer with a comment, a contradiction…).
 */
export function DisclosureProblemTable({
  problems,
  label,
}: {
  problems: readonly DisclosureProblemOut[]
  label: string
}) {
  const { t, i18n } = useTranslation()
  return (
    <ScrollArea.Autosize mah={420}>
      <Table fz="sm" striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>{t('disclosureUi.problem.sheet')}</Table.Th>
            <Table.Th w={60}>{t('disclosureUi.problem.row')}</Table.Th>
            <Table.Th w={60}>{t('disclosureUi.problem.column')}</Table.Th>
            <Table.Th w={160}>{t('disclosureUi.problem.value')}</Table.Th>
            <Table.Th>{t('disclosureUi.problem.why')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one cell can carry several problems
            <Table.Tr key={i} data-severity={p.severity}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.sheet ?? '—'}</Table.Td>
              <Table.Td>{p.row ?? '—'}</Table.Td>
              <Table.Td>{p.column ?? '—'}</Table.Td>
              <Table.Td className="mono">{p.value ?? ''}</Table.Td>
              <Table.Td>{inLanguage(i18n.language, p.message, p.messageJa)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  )
}

/**
 * Why an upload failed. An unreadable file (422 DISCLOSURE_UNREADABLE) lists every problem the reader found, where
 * it is (sheet, row, column, value) and why, and says that nothing was stored; any other error is one message.
 */
export function UploadFailure({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation()
  const message = useErrorMessage()
  if (!(error instanceof ApiError) || error.code !== 'DISCLOSURE_UNREADABLE') {
    return <ErrorAlert error={error} title={t('disclosureUi.import.failed')} />
  }
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title={t('disclosureUi.import.unreadable')} role="alert">
      {message(error)} {t('disclosureUi.import.nothingStored')}
      {error.details.length > 0 && (
        <ScrollArea.Autosize mah={420} mt="sm">
          <Table fz="sm" aria-label={t('disclosureUi.import.problemTable')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="40%">{t('disclosureUi.problem.where')}</Table.Th>
                <Table.Th>{t('disclosureUi.problem.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {error.details.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one cell can carry several problems
                <Table.Tr key={i}>
                  <Table.Td className="mono">
                    {!d.where || d.where === 'file' ? t('disclosureUi.problem.wholeFile') : d.where}
                  </Table.Td>
                  <Table.Td>{inLanguage(i18n.language, d.message, d.messageJa)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Alert>
  )
}
