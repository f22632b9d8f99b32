import { Badge, Paper, ScrollArea, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportPreview } from '../../../../api/import.js'
import { problemMessage } from '../../components/ProblemTable.js'

const ACTION_COLOR = { create: 'teal', update: 'indigo', reject: 'red', unchanged: 'gray' } as const

/** The first rows of each outcome: what the import would do with them, and why a row is rejected. */
export function SampleTable({ preview }: { preview: ImportPreview }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.resolvedLanguage ?? i18n.language
  const errors = preview.problems.filter((p) => p.severity === 'error')
  /** A rejected row's summary from its first error, so that it follows the UI language like the tables above. */
  const rejectSummary = (s: ImportPreview['sample'][number]) => {
    const first = s.action === 'reject' ? errors.find((p) => p.row === s.row) : undefined
    return first ? `${first.column ? `${first.column}: ` : ''}${problemMessage(first, lang)}` : s.summary
  }
  return (
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
                  <Badge size="xs" variant="light" color={ACTION_COLOR[s.action]}>
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
  )
}
