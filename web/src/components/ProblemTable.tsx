import { ScrollArea, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportProblemDto } from '../../../api/import.js'

/** What a problem row shows: where (row, column), the value found, and why it is a problem in both languages. */
export type ProblemRow = Pick<ImportProblemDto, 'row' | 'column' | 'value' | 'message' | 'messageJa'>

/**
 * A problem's reason in the UI language: Japanese users read messageJa, everyone else the English message (also the
 * fallback should a server ever send an empty Japanese text).
 */
export function problemMessage(p: Pick<ImportProblemDto, 'message' | 'messageJa'>, language: string): string {
  return language.startsWith('ja') && p.messageJa ? p.messageJa : p.message
}

/**
 * Problems found in a file, one line each: row, column, the value as found (monospace) and the reason in the UI's
 * language. Used for rejected rows and warnings of an import; scrolls inside `maxHeight`.
 */
export function ProblemTable({
  problems,
  label,
  maxHeight = 360,
  striped = false,
}: {
  problems: readonly ProblemRow[]
  /** Accessible name of the table (screen readers, browser tests). */
  label?: string
  maxHeight?: number
  striped?: boolean
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.resolvedLanguage ?? i18n.language
  return (
    <ScrollArea.Autosize mah={maxHeight}>
      <Table striped={striped} fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('import.col.row')}</Table.Th>
            <Table.Th w={180}>{t('import.col.column')}</Table.Th>
            <Table.Th w={200}>{t('import.col.value')}</Table.Th>
            <Table.Th>{t('import.col.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same row/column can carry several problems
            <Table.Tr key={i}>
              <Table.Td>{p.row ?? '—'}</Table.Td>
              <Table.Td>{p.column ?? '—'}</Table.Td>
              <Table.Td className="mono">{p.value ?? ''}</Table.Td>
              <Table.Td>{problemMessage(p, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  )
}
