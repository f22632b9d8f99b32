import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconBulb, IconPaperclip, IconPencil } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert } from '../../components/common.js'
import {
  type ChecklistAnswerInput,
  type ChecklistCompletionShape,
  type ChecklistEvidence,
  type ChecklistRow,
  type ChecklistScope,
  checklistApi,
  invalidateChecklist,
} from '../../data/checklist.js'
import { downloadFile } from '../../data/reports.js'
import { useJa } from '../risk/parts.js'

/** Today as YYYY-MM-DD in the browser's time zone (the 確認日 a person fills in by default). */
export function today(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** What the answer form starts with: the saved answer, or a suggestion a person is about to confirm. */
interface Draft {
  row: ChecklistRow
  answer: ChecklistAnswerInput
  fromSuggestion: boolean
}

/** The completion bar: answered of all items, with yes / no / overdue counts. */
export function CompletionBar({ completion }: { completion: ChecklistCompletionShape }) {
  const { t } = useTranslation()
  const pct = completion.total ? (completion.answered / completion.total) * 100 : 0
  const label = t('checklistUi.completion', { answered: completion.answered, total: completion.total })
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600} data-completion={`${completion.answered}/${completion.total}`}>
          {label}
        </Text>
        <Group gap="xs">
          <Badge color="teal" variant="light">
            {t('checklistUi.yesCount', { count: completion.yes })}
          </Badge>
          <Badge color="orange" variant="light">
            {t('checklistUi.noCount', { count: completion.no })}
          </Badge>
          {completion.overdue > 0 && (
            <Badge color="red">{t('checklistUi.overdueCount', { count: completion.overdue })}</Badge>
          )}
        </Group>
      </Group>
      <Progress value={pct} size="lg" aria-label={label} />
    </Paper>
  )
}

/**
 * The form as a table, in the printed layout: 番号, 確認項目 (「(要旨)」 when the wording is our summary), 対象,
 * はい/いいえ, 確認日, 目標日, 担当者, 備考, attachments, and beside each item the evidence Mamori holds with a button
 * that fills the answer form with the suggestion (a person confirms by saving).
 */
export function ChecklistTable({ rows, scope, label }: { rows: ChecklistRow[]; scope: ChecklistScope; label: string }) {
  const { t } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const ja = useJa()
  const [draft, setDraft] = useState<Draft | null>(null)
  const open = (row: ChecklistRow, fromEvidence?: ChecklistEvidence) => {
    const a = row.answer
    if (fromEvidence && fromEvidence.suggestion !== 'unknown') {
      setDraft({
        row,
        fromSuggestion: true,
        answer: {
          answer: fromEvidence.suggestion,
          checkedOn: today(),
          targetOn: fromEvidence.suggestion === 'no' ? (a.targetOn ?? null) : null,
          responsible: a.responsible ?? user?.displayName ?? user?.username ?? null,
          note: ja ? fromEvidence.summaryJa : fromEvidence.summaryEn,
        },
      })
      return
    }
    setDraft({
      row,
      fromSuggestion: false,
      answer: {
        answer: a.answer ?? 'yes',
        checkedOn: a.checkedOn ?? today(),
        targetOn: a.targetOn,
        responsible: a.responsible ?? user?.displayName ?? user?.username ?? null,
        note: a.note,
      },
    })
  }
  return (
    <>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={1300}>
          <Table fz="sm" striped aria-label={label} verticalSpacing="xs" data-form={scope.form}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>{t('checklistUi.col.number')}</Table.Th>
                <Table.Th miw={260}>{t('checklistUi.col.item')}</Table.Th>
                <Table.Th>{t('checklistUi.col.target')}</Table.Th>
                <Table.Th>{t('checklistUi.col.answer')}</Table.Th>
                <Table.Th miw={240}>{t('checklistUi.col.evidence')}</Table.Th>
                <Table.Th>{t('checklistUi.col.checkedOn')}</Table.Th>
                <Table.Th>{t('checklistUi.col.targetOn')}</Table.Th>
                <Table.Th>{t('checklistUi.col.responsible')}</Table.Th>
                <Table.Th>{t('checklistUi.col.note')}</Table.Th>
                <Table.Th>{t('checklistUi.col.attachments')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Row
                  key={row.item.id}
                  row={row}
                  scope={scope}
                  editable={editable}
                  onAnswer={() => open(row)}
                  onUseSuggestion={(ev) => open(row, ev)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {draft && <AnswerDialog draft={draft} scope={scope} onClose={() => setDraft(null)} />}
    </>
  )
}

function Row({
  row,
  scope,
  editable,
  onAnswer,
  onUseSuggestion,
}: {
  row: ChecklistRow
  scope: ChecklistScope
  editable: boolean
  onAnswer: () => void
  onUseSuggestion: (ev: ChecklistEvidence) => void
}) {
  const { t } = useTranslation()
  const ja = useJa()
  const qc = useQueryClient()
  const { item, answer, evidence } = row
  const attach = useMutation({
    mutationFn: (file: File) => checklistApi.attach(item.id, scope, file),
    onSuccess: () => void invalidateChecklist(qc),
  })
  const fetchFile = useMutation({
    mutationFn: (a: { id: string; fileName: string }) => downloadFile(checklistApi.attachmentPath(a.id), a.fileName),
  })
  const overdue = answer.answer === 'no' && answer.targetOn !== null && answer.targetOn < today()
  return (
    <Table.Tr data-item={item.id}>
      <Table.Td fw={600}>{item.id}</Table.Td>
      <Table.Td>
        <Text size="sm">
          {ja ? item.textJa : item.textEn}
          {item.wording === 'summary' && (
            <Tooltip label={t('checklistUi.summaryHint')}>
              <Text span size="xs" c="dimmed" ml={4} data-summary>
                {t('checklistUi.summaryMark')}
              </Text>
            </Tooltip>
          )}
        </Text>
        {item.deadlineNote && (
          <Text size="xs" c="orange.8">
            {item.deadlineNote}
          </Text>
        )}
        {(item.crosswalk.nistCsf.length > 0 || item.crosswalk.hphCpg.length > 0) && (
          <Text size="xs" c="dimmed">
            NIST CSF 2.0: {item.crosswalk.nistCsf.join(', ') || '—'} · HPH CPG:{' '}
            {item.crosswalk.hphCpg.join(', ') || '—'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{item.target ?? '—'}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          {answer.answer ? (
            <Badge color={answer.answer === 'yes' ? 'teal' : 'orange'} variant="light" data-answer={answer.answer}>
              {t(`checklistUi.answer.${answer.answer}`)}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed" data-answer="none">
              {t('checklistUi.unanswered')}
            </Text>
          )}
          {editable && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPencil size={12} />}
              onClick={onAnswer}
              aria-label={t('checklistUi.answerItem', { item: item.id })}
            >
              {t('checklistUi.answerButton')}
            </Button>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        {evidence ? (
          <EvidenceCell
            evidence={evidence}
            editable={editable}
            onUse={() => onUseSuggestion(evidence)}
            itemId={item.id}
          />
        ) : (
          <Text size="xs" c="dimmed">
            {t('checklistUi.noEvidence')}
          </Text>
        )}
      </Table.Td>
      <Table.Td data-checked-on>{answer.checkedOn ?? '—'}</Table.Td>
      <Table.Td c={overdue ? 'red.7' : undefined} fw={overdue ? 700 : undefined}>
        {answer.answer === 'no' ? (answer.targetOn ?? '—') : ''}
      </Table.Td>
      <Table.Td>{answer.responsible ?? '—'}</Table.Td>
      <Table.Td>
        <Text size="xs" lineClamp={3}>
          {answer.note ?? ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {answer.attachments.map((f) => (
            <Anchor
              key={f.id}
              component="button"
              type="button"
              size="xs"
              onClick={() => fetchFile.mutate({ id: f.id, fileName: f.fileName })}
            >
              {f.fileName}
            </Anchor>
          ))}
          {editable && (
            <FileButton onChange={(f) => f && attach.mutate(f)}>
              {(props) => (
                <Button
                  {...props}
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPaperclip size={12} />}
                  loading={attach.isPending}
                  aria-label={t('checklistUi.attachTo', { item: item.id })}
                >
                  {t('checklistUi.attach')}
                </Button>
              )}
            </FileButton>
          )}
          {attach.error && <ErrorAlert error={attach.error} />}
          {fetchFile.error && <ErrorAlert error={fetchFile.error} />}
        </Stack>
      </Table.Td>
    </Table.Tr>
  )
}

const SUGGESTION_COLOR = { yes: 'teal', no: 'orange', unknown: 'gray' } as const

function EvidenceCell({
  evidence,
  editable,
  onUse,
  itemId,
}: {
  evidence: ChecklistEvidence
  editable: boolean
  onUse: () => void
  itemId: string
}) {
  const { t } = useTranslation()
  const ja = useJa()
  return (
    <Stack gap={4} data-evidence={evidence.suggestion}>
      <Group gap={4}>
        <IconBulb size={14} aria-hidden />
        <Badge size="sm" color={SUGGESTION_COLOR[evidence.suggestion]} variant="outline">
          {t(`checklistUi.suggestion.${evidence.suggestion}`)}
        </Badge>
      </Group>
      <Text size="xs">{ja ? evidence.summaryJa : evidence.summaryEn}</Text>
      {evidence.facts.length > 0 && (
        <List size="xs" spacing={0}>
          {evidence.facts.map((f) => (
            <List.Item key={f.labelEn}>
              {ja ? f.labelJa : f.labelEn}: {f.value}
            </List.Item>
          ))}
        </List>
      )}
      <Group gap="xs">
        {evidence.link && (
          <Anchor component={Link} to={evidence.link} size="xs">
            {t('checklistUi.evidenceLink')}
          </Anchor>
        )}
        {editable && evidence.suggestion !== 'unknown' && (
          <Button
            size="compact-xs"
            variant="outline"
            onClick={onUse}
            aria-label={t('checklistUi.useSuggestionFor', { item: itemId })}
          >
            {t('checklistUi.useSuggestion')}
          </Button>
        )}
      </Group>
    </Stack>
  )
}

/** The answer form: はい/いいえ, 確認日, 目標日 (only for いいえ), 担当者, 備考. The server's refusal is shown in place. */
function AnswerDialog({ draft, scope, onClose }: { draft: Draft; scope: ChecklistScope; onClose: () => void }) {
  const { t } = useTranslation()
  const ja = useJa()
  const qc = useQueryClient()
  const [form, setForm] = useState<ChecklistAnswerInput>(draft.answer)
  const item = draft.row.item
  const save = useMutation({
    mutationFn: () =>
      checklistApi.answer(item.id, scope, {
        answer: form.answer,
        checkedOn: form.checkedOn.trim(),
        targetOn: form.answer === 'no' && form.targetOn?.trim() ? form.targetOn.trim() : null,
        responsible: form.responsible?.trim() || null,
        note: form.note?.trim() || null,
      }),
    onSuccess: async () => {
      await invalidateChecklist(qc)
      onClose()
    },
  })
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('checklistUi.dialogTitle', { item: item.id })}
      closeButtonProps={{ 'aria-label': t('riskUi.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{ja ? item.textJa : item.textEn}</Text>
        {draft.fromSuggestion && (
          <Text size="xs" c="indigo.7" role="status">
            {t('checklistUi.fromSuggestion')}
          </Text>
        )}
        <div>
          <Text size="sm" fw={500} id="checklist-answer-label" mb={4}>
            {t('checklistUi.col.answer')}
          </Text>
          <SegmentedControl
            aria-labelledby="checklist-answer-label"
            value={form.answer}
            onChange={(v) => setForm((f) => ({ ...f, answer: v === 'no' ? 'no' : 'yes' }))}
            data={[
              { value: 'yes', label: t('checklistUi.answer.yes') },
              { value: 'no', label: t('checklistUi.answer.no') },
            ]}
          />
        </div>
        <Group grow>
          <TextInput
            label={t('checklistUi.col.checkedOn')}
            placeholder="YYYY-MM-DD"
            value={form.checkedOn}
            onChange={(e) => {
              const checkedOn = e.currentTarget.value
              setForm((f) => ({ ...f, checkedOn }))
            }}
          />
          {form.answer === 'no' && (
            <TextInput
              label={t('checklistUi.col.targetOn')}
              placeholder="YYYY-MM-DD"
              value={form.targetOn ?? ''}
              onChange={(e) => {
                const targetOn = e.currentTarget.value
                setForm((f) => ({ ...f, targetOn }))
              }}
            />
          )}
        </Group>
        <TextInput
          label={t('checklistUi.col.responsible')}
          value={form.responsible ?? ''}
          onChange={(e) => {
            const responsible = e.currentTarget.value
            setForm((f) => ({ ...f, responsible }))
          }}
        />
        <Textarea
          label={t('checklistUi.col.note')}
          value={form.note ?? ''}
          onChange={(e) => {
            const note = e.currentTarget.value
            setForm((f) => ({ ...f, note }))
          }}
          autosize
          minRows={2}
        />
        {save.error && <ErrorAlert error={save.error} title={t('checklistUi.notSaved')} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('checklistUi.saveAnswer')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
