import { Alert, Badge, Group, Paper, ScrollArea, Select, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { IMPORT_FIELDS, type ImportPreview } from '../../../../api/import.js'

/**
 * Which ledger field each column of the file goes to: one menu per header (custom fields are shown, not chosen),
 * and the columns nobody recognised.
 */
export function MappingTable({
  preview,
  busy,
  onChoose,
}: {
  preview: ImportPreview
  busy: boolean
  onChoose: (header: string, field: string | null) => void
}) {
  const { t } = useTranslation()
  const fieldOptions = [
    { value: '', label: t('import.ignored') },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: `${t(`fields.${f}`, { defaultValue: f })}` })),
  ]
  return (
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
                      disabled={busy}
                      onChange={(v) => onChoose(header, v ? v : null)}
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
  )
}
