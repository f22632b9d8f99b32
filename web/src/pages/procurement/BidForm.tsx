import { Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BID_ANSWERS } from '../../../../api/procurement.js'
import { ErrorAlert } from '../../components/common.js'
import {
  type Bid,
  type BidAnswerValue,
  type BidInput,
  invalidateProcurement,
  procurementApi,
  procurementKeys,
} from '../../data/procurement.js'
import { useJa } from '../risk/parts.js'

type Answers = Record<string, { answer: BidAnswerValue | null; note: string }>

function answersOf(bid: Bid | null): Answers {
  const out: Answers = {}
  for (const a of bid?.answers ?? []) out[a.itemId] = { answer: a.answer, note: a.note }
  return out
}

/**
 * A vendor's bid: tender, vendor, model, and for each requirement はい / 一部 / いいえ / 不明 with the vendor's note.
 * Requirements left without an answer are simply not sent (the score counts them as not answered).
 */
export function BidForm({
  bid,
  opened,
  onClose,
}: {
  bid: Bid | null
  opened: boolean
  onClose: (saved?: Bid) => void
}) {
  const { t } = useTranslation()
  const ja = useJa()
  const qc = useQueryClient()
  const reqs = useQuery({ queryKey: procurementKeys.requirements(), queryFn: procurementApi.requirements })
  const [head, setHead] = useState({
    tender: bid?.tender ?? '',
    vendor: bid?.vendor ?? '',
    manufacturer: bid?.manufacturer ?? '',
    model: bid?.model ?? '',
    receivedOn: bid?.receivedOn ?? '',
    notes: bid?.notes ?? '',
  })
  const [answers, setAnswers] = useState<Answers>(() => answersOf(bid))
  const save = useMutation({
    mutationFn: () => {
      const json: BidInput = {
        tender: head.tender,
        vendor: head.vendor,
        manufacturer: head.manufacturer,
        model: head.model,
        modelId: bid?.modelId ?? null,
        receivedOn: head.receivedOn || null,
        notes: head.notes,
        answers: Object.entries(answers).flatMap(([itemId, a]) =>
          a.answer ? [{ itemId, answer: a.answer, note: a.note }] : [],
        ),
      }
      return bid ? procurementApi.updateBid(bid.id, json) : procurementApi.createBid(json)
    },
    onSuccess: (b) => {
      void invalidateProcurement(qc)
      onClose(b)
    },
  })
  const field = (k: keyof typeof head, label: string, required = true) => (
    <TextInput
      label={label}
      required={required}
      value={head[k]}
      onChange={(e) => setHead({ ...head, [k]: e.currentTarget.value })}
    />
  )
  const answerData = [
    ...BID_ANSWERS.map((a) => ({ value: a, label: t(`procurement.answer.${a}`) })),
    { value: '', label: t('procurement.answer.none') },
  ]
  return (
    <Modal
      opened={opened}
      onClose={() => onClose()}
      size="xl"
      title={bid ? t('procurement.editBid') : t('procurement.newBid')}
    >
      <Stack gap="sm">
        <Group grow>
          {field('tender', t('procurement.bid.tender'))}
          {field('vendor', t('procurement.bid.vendor'))}
        </Group>
        <Group grow>
          {field('manufacturer', t('procurement.bid.manufacturer'))}
          {field('model', t('procurement.bid.model'))}
          <TextInput
            label={t('procurement.bid.receivedOn')}
            type="date"
            value={head.receivedOn}
            onChange={(e) => setHead({ ...head, receivedOn: e.currentTarget.value })}
          />
        </Group>
        <Textarea
          label={t('procurement.bid.notes')}
          value={head.notes}
          autosize
          minRows={1}
          onChange={(e) => setHead({ ...head, notes: e.currentTarget.value })}
        />
        <Text fw={600} size="sm">
          {t('procurement.bid.answers')}
        </Text>
        {reqs.error && <ErrorAlert error={reqs.error} />}
        <Table withTableBorder aria-label={t('procurement.bid.answers')}>
          <Table.Tbody>
            {reqs.data?.items.map((it) => {
              const a = answers[it.id] ?? { answer: null, note: '' }
              const setA = (patch: Partial<typeof a>) => setAnswers({ ...answers, [it.id]: { ...a, ...patch } })
              return (
                <Table.Tr key={it.id} data-requirement={it.id}>
                  <Table.Td w="45%">
                    <Text size="sm">
                      <b>{it.id}</b> {ja ? it.textJa : it.textEn}
                      {it.mandatory ? ` (${t('procurement.mandatory')})` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <SegmentedControl
                        size="xs"
                        aria-label={t('procurement.aria.answer', { id: it.id })}
                        data={answerData}
                        value={a.answer ?? ''}
                        onChange={(v) => setA({ answer: v ? (v as BidAnswerValue) : null })}
                      />
                      <TextInput
                        size="xs"
                        aria-label={t('procurement.aria.answerNote', { id: it.id })}
                        placeholder={t('procurement.bid.notePlaceholder')}
                        value={a.note}
                        onChange={(e) => setA({ note: e.currentTarget.value })}
                      />
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose()}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
