import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import {
  type DisclosureQuestion,
  disclosureKeys,
  disclosuresApi,
  invalidateDisclosures,
  type ManualDisclosureInput,
} from '../../data/disclosures.js'
import { useModelOptions } from './ImportDisclosure.js'
import { DisclosureCrumbs, useIsEnglish } from './parts.js'
import { type Draft, EMPTY_DRAFT, isAnswered, parseNoteRefs, QuestionRow } from './QuestionRow.js'

const HEADER_FIELDS = [
  'manufacturer',
  'model',
  'deviceDescription',
  'documentId',
  'releaseDate',
  'contact',
  'intendedUse',
] as const
type HeaderField = (typeof HEADER_FIELDS)[number]
const EMPTY_HEADER: Record<HeaderField, string> = {
  manufacturer: '',
  model: '',
  deviceDescription: '',
  documentId: '',
  releaseDate: '',
  contact: '',
  intendedUse: '',
}

/** The questions grouped by section, in the form's order. */
function bySection(questions: readonly DisclosureQuestion[]): [string, DisclosureQuestion[]][] {
  const groups = new Map<string, DisclosureQuestion[]>()
  for (const q of questions) groups.set(q.section, [...(groups.get(q.section) ?? []), q])
  return [...groups]
}

/**
 * Typing in a disclosure by hand, when the manufacturer gave only a PDF or a web page: the MDS2 2019 question set
 * grouped by section (collapsed; only open sections are drawn, so ~225 questions stay quick), header fields and
 * numbered notes. Only the questions given an answer, a comment or a note are sent; they are stored and evaluated
 * the same way as an imported form.
 */
export function ManualEntryPage() {
  const { t } = useTranslation()
  const en = useIsEnglish()
  const { user } = useAuth()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const models = useModelOptions()
  const questions = useQuery({
    queryKey: disclosureKeys.questions('mds2-2019'),
    queryFn: () => disclosuresApi.questions('mds2-2019'),
  })
  const [modelId, setModelId] = useState<string | null>(null)
  const [header, setHeader] = useState(EMPTY_HEADER)
  const [drafts, setDrafts] = useState<Record<string, Draft>>({})
  const [notes, setNotes] = useState<string[]>([])
  const [open, setOpen] = useState<string[]>([])
  const sections = useMemo(() => bySection(questions.data ?? []), [questions.data])
  const setDraft = useCallback((id: string, d: Draft) => setDrafts((prev) => ({ ...prev, [id]: d })), [])

  const save = useMutation({
    mutationFn: (body: ManualDisclosureInput) => disclosuresApi.manual(body),
    onSuccess: (r) => {
      void invalidateDisclosures(qc)
      navigate(`/disclosures/${encodeURIComponent(r.disclosure.id)}`)
    },
  })
  const submit = () => {
    if (!modelId) return
    const answers = Object.entries(drafts)
      .filter((e): e is [string, Draft] => isAnswered(e[1]))
      .map(([questionId, d]) => ({
        questionId,
        value: d.value,
        comment: d.comment.trim() || null,
        noteRefs: parseNoteRefs(d.noteRefs),
      }))
    save.mutate({
      modelId,
      form: 'manual',
      header: Object.fromEntries(HEADER_FIELDS.map((f) => [f, header[f].trim() || null])),
      answers,
      notes: notes.flatMap((text, i) => (text.trim() ? [{ number: i + 1, text: text.trim() }] : [])),
    })
  }

  const answeredIn = (qs: readonly DisclosureQuestion[]) => qs.filter((q) => isAnswered(drafts[q.id])).length
  const total = Object.values(drafts).filter((d) => isAnswered(d)).length

  if (!canEdit(user)) {
    return (
      <>
        <PageHeader title={t('disclosureUi.manual.title')} />
        <Alert color="gray">{t('disclosureUi.engineerOnly')}</Alert>
      </>
    )
  }

  return (
    <Stack gap="md">
      <DisclosureCrumbs here={t('disclosureUi.manual.title')} />
      <PageHeader title={t('disclosureUi.manual.title')} />
      <Text size="sm" c="dimmed">
        {t('disclosureUi.manual.intro')}
      </Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          {models.length === 0 && (
            <Alert color="yellow">
              {t('disclosureUi.manual.noModels')}{' '}
              <Anchor component={Link} to="/catalog">
                {t('disclosureUi.manual.openCatalog')}
              </Anchor>
            </Alert>
          )}
          <Select
            label={t('disclosureUi.manual.model')}
            data={models}
            value={modelId}
            onChange={setModelId}
            searchable
            required
            maw={420}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {HEADER_FIELDS.map((f) => (
              <TextInput
                key={f}
                label={t(`disclosureUi.header.${f}`)}
                placeholder={f === 'releaseDate' ? 'YYYY-MM-DD' : undefined}
                value={header[f]}
                onChange={(e) => {
                  const v = e.currentTarget.value
                  setHeader((h) => ({ ...h, [f]: v }))
                }}
              />
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">
            {t('disclosureUi.manual.questions')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('disclosureUi.manual.answeredCount', { answered: total, total: questions.data?.length ?? 0 })}
          </Text>
        </Group>
        {questions.error && <ErrorAlert error={questions.error} />}
        {questions.isPending && <Skeleton h={200} />}
        <Accordion multiple value={open} onChange={setOpen} variant="separated">
          {sections.map(([section, qs]) => (
            <Accordion.Item key={section} value={section}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text fw={600} className="mono">
                    {section}
                  </Text>
                  <Badge variant="light" color={answeredIn(qs) > 0 ? 'teal' : 'gray'}>
                    {`${answeredIn(qs)} / ${qs.length}`}
                  </Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                {open.includes(section) &&
                  qs.map((q) => (
                    <QuestionRow
                      key={q.id}
                      question={q}
                      draft={drafts[q.id] ?? EMPTY_DRAFT}
                      en={en}
                      onChange={setDraft}
                    />
                  ))}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('disclosureUi.notes.title')}
        </Title>
        <Stack gap="xs">
          {notes.map((text, i) => (
            <Textarea
              // biome-ignore lint/suspicious/noArrayIndexKey: a note is numbered by its position
              key={i}
              label={t('disclosureUi.notes.number', { number: i + 1 })}
              autosize
              minRows={1}
              value={text}
              onChange={(e) => {
                const v = e.currentTarget.value
                setNotes((n) => n.map((old, j) => (j === i ? v : old)))
              }}
            />
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setNotes((n) => [...n, ''])}
            >
              {t('disclosureUi.notes.add')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {save.error && <ErrorAlert error={save.error} title={t('disclosureUi.manual.saveFailed')} />}
      <Group>
        <Button
          leftSection={<IconDeviceFloppy size={16} />}
          disabled={!modelId}
          loading={save.isPending}
          onClick={submit}
        >
          {t('disclosureUi.manual.save', { count: total })}
        </Button>
        {!modelId && (
          <Text size="sm" c="dimmed">
            {t('disclosureUi.manual.chooseModel')}
          </Text>
        )}
      </Group>
    </Stack>
  )
}
