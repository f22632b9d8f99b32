import { Paper, SegmentedControl, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CHECK_RESULTS } from '../../../../api/acceptance.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { type Acceptance, type AcceptanceCheck, acceptanceApi } from '../../data/acceptance.js'
import { useJa } from '../risk/parts.js'
import { SectionTitle, useAcceptanceChange } from './parts.js'

type Result = AcceptanceCheck['result']

/**
 * Step 3: the manual checks (default passwords changed, time source, backups, labelling, …) with what to look at,
 * each 合格 / 不合格 / 該当なし with a note. A result is saved when chosen; the note when the field is left.
 */
export function ChecksSection({
  acceptance: a,
  editable,
  sectionId,
}: {
  acceptance: Acceptance
  editable: boolean
  sectionId: string
}) {
  const { t } = useTranslation()
  const save = useAcceptanceChange((v: { check: AcceptanceCheck; result: Result; note: string }) =>
    acceptanceApi.check(a.id, v.check.id, { result: v.result, note: v.note }),
  )
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={sectionId}>
      <SectionTitle id={sectionId}>{`3. ${t('acceptance.step.3')}`}</SectionTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {t('acceptance.checksIntro')}
      </Text>
      {save.error && <ErrorAlert error={save.error} />}
      <Table withTableBorder aria-label={t('acceptance.checksLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('acceptance.check.what')}</Table.Th>
            <Table.Th w={260}>{t('acceptance.check.result')}</Table.Th>
            <Table.Th>{t('acceptance.check.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.checks.map((c) => (
            <CheckRow
              key={c.id}
              check={c}
              editable={editable}
              onSave={(result, note) => save.mutate({ check: c, result, note })}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

const RESULT_COLOR: Record<string, string> = { pass: 'teal', fail: 'red', not_applicable: 'gray' }

function CheckRow({
  check: c,
  editable,
  onSave,
}: {
  check: AcceptanceCheck
  editable: boolean
  onSave: (result: Result, note: string) => void
}) {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const [note, setNote] = useState(c.note)
  const title = ja ? c.titleJa : c.titleEn
  return (
    <Table.Tr data-check={c.id} data-result={c.result ?? 'none'}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {ja ? c.howJa : c.howEn}
        </Text>
      </Table.Td>
      <Table.Td>
        <SegmentedControl
          size="xs"
          aria-label={t('acceptance.check.resultOf', { name: title })}
          disabled={!editable}
          color={c.result ? RESULT_COLOR[c.result] : undefined}
          value={c.result ?? ''}
          onChange={(v) => onSave(v ? (v as Result) : null, note)}
          data={[
            ...CHECK_RESULTS.map((r) => ({ value: r, label: t(`acceptance.result.${r}`) })),
            { value: '', label: t('acceptance.result.none') },
          ]}
        />
        {c.checkedBy && (
          <Text size="xs" c="dimmed" mt={2}>
            {c.checkedBy} {formatDateTime(c.checkedAt, i18n.language)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('acceptance.check.noteOf', { name: title })}
          value={note}
          readOnly={!editable}
          onChange={(e) => setNote(e.currentTarget.value)}
          onBlur={() => {
            if (editable && note !== c.note) onSave(c.result, note)
          }}
        />
      </Table.Td>
    </Table.Tr>
  )
}
