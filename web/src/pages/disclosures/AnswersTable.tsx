import { Badge, Group, ScrollArea, Select, Table, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DisclosureDetail } from '../../../../api/disclosure.js'
import { answerColor, useAnswerLabel, useIsEnglish } from './parts.js'

type Answer = DisclosureDetail['answers'][number]

/** A cell reference as Excel shows it: `mds2-form!C14`. */
function cellText(cell: Answer['cell']): string {
  return cell ? `${cell.sheet}!${cell.column}${cell.row}` : '—'
}

/**
 * Every answer the disclosure holds: question id (and the id as the form wrote it, when Mamori normalised it),
 * section, the question in the UI's language, the answer, its comment, the notes it points to and the cell it was
 * read from. Filtered by section, answer and free text.
 */
export function AnswersTable({ answers }: { answers: readonly Answer[] }) {
  const { t } = useTranslation()
  const en = useIsEnglish()
  const label = useAnswerLabel()
  const [section, setSection] = useState<string | null>(null)
  const [value, setValue] = useState<string | null>(null)
  const [q, setQ] = useState('')

  const sections = useMemo(() => [...new Set(answers.map((a) => a.section ?? '—'))], [answers])
  const needle = q.trim().toLowerCase()
  const shown = answers.filter(
    (a) =>
      (!section || (a.section ?? '—') === section) &&
      (!value || (a.value ?? 'unanswered') === value) &&
      (!needle || [a.questionId, a.questionJa, a.questionEn, a.comment].some((s) => s?.toLowerCase().includes(needle))),
  )

  return (
    <>
      <Group gap="sm" mb="sm" align="flex-end">
        <TextInput
          label={t('disclosureUi.answers.search')}
          leftSection={<IconSearch size={14} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={240}
        />
        <Select
          label={t('disclosureUi.answers.section')}
          placeholder={t('common.all')}
          data={sections}
          value={section}
          onChange={setSection}
          clearable
          w={160}
        />
        <Select
          label={t('disclosureUi.answers.answer')}
          placeholder={t('common.all')}
          data={['yes', 'no', 'na', 'see-notes', 'unanswered'].map((v) => ({
            value: v,
            label: label(v === 'unanswered' ? null : v),
          }))}
          value={value}
          onChange={setValue}
          clearable
          w={160}
        />
        <Text size="sm" c="dimmed">
          {t('disclosureUi.answers.shown', { shown: shown.length, total: answers.length })}
        </Text>
      </Group>
      <ScrollArea.Autosize mah={560}>
        <Table fz="sm" striped stickyHeader aria-label={t('disclosureUi.answers.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('disclosureUi.answers.id')}</Table.Th>
              <Table.Th w={70}>{t('disclosureUi.answers.section')}</Table.Th>
              <Table.Th>{t('disclosureUi.answers.question')}</Table.Th>
              <Table.Th w={100}>{t('disclosureUi.answers.answer')}</Table.Th>
              <Table.Th>{t('disclosureUi.answers.comment')}</Table.Th>
              <Table.Th w={80}>{t('disclosureUi.answers.notes')}</Table.Th>
              <Table.Th w={120}>{t('disclosureUi.answers.cell')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((a) => (
              <Table.Tr key={a.questionId} data-question={a.questionId}>
                <Table.Td className="mono">
                  {a.questionId}
                  {a.writtenId && a.writtenId !== a.questionId && (
                    <Text size="xs" c="orange.7">
                      {t('disclosureUi.answers.writtenAs', { id: a.writtenId })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.section ?? '—'}</Table.Td>
                <Table.Td>{(en ? a.questionEn : a.questionJa) ?? a.questionEn ?? a.questionJa ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={answerColor(a.value)} tt="none">
                    {label(a.value)}
                  </Badge>
                </Table.Td>
                <Table.Td>{a.comment ?? ''}</Table.Td>
                <Table.Td>{a.noteRefs.length > 0 ? a.noteRefs.join(', ') : ''}</Table.Td>
                <Table.Td className="mono">{cellText(a.cell)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  )
}
