import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  FileButton,
  Group,
  List,
  Paper,
  Skeleton,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconDownload, IconEdit, IconPlus, IconScale, IconTrash, IconUpload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { ApiError } from '../../api.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, inLanguage } from '../../components/common.js'
import { type Bid, invalidateProcurement, procurementApi, procurementKeys } from '../../data/procurement.js'
import { downloadFile } from '../../data/reports.js'
import { BidForm } from './BidForm.js'
import { GapBadges } from './parts.js'

/**
 * The bids received: tender, vendor, model, score and the mandatory gaps in red. Engineers enter answers by hand or
 * upload the vendor's returned .xlsx (a refused file lists sheet, cell and why); 2–10 selected bids are compared.
 */
export function BidsPanel() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const navigate = useNavigate()
  const q = useQuery({ queryKey: procurementKeys.bids(), queryFn: procurementApi.bids })
  const [selected, setSelected] = useState<string[]>([])
  const [form, setForm] = useState<{ bid: Bid | null } | null>(null)
  const upload = useMutation({
    mutationFn: ({ bid, file }: { bid: Bid; file: File }) => procurementApi.uploadAnswers(bid.id, file),
    onSuccess: () => void invalidateProcurement(qc),
  })
  const sheet = useMutation({
    mutationFn: (b: Bid) =>
      downloadFile(
        procurementApi.requirementsExportPath(i18n.language.startsWith('en') ? 'en' : 'ja', 'xlsx', b.id),
        `procurement-answers-${b.vendor}.xlsx`,
      ),
  })
  const remove = useMutation({
    mutationFn: (id: string) => procurementApi.removeBid(id),
    onSuccess: () => void invalidateProcurement(qc),
  })
  const toggle = (id: string, on: boolean) => setSelected(on ? [...selected, id] : selected.filter((s) => s !== id))
  const canCompare = selected.length >= 2 && selected.length <= 10
  const uploadProblems = upload.error instanceof ApiError ? upload.error.details : []

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="proc-bids">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="proc-bids">
          {t('procurement.bids')}
        </Title>
        <Group gap="xs">
          <Button
            size="sm"
            variant="light"
            leftSection={<IconScale size={16} />}
            disabled={!canCompare}
            onClick={() => navigate(`/procurement/compare?bids=${selected.map(encodeURIComponent).join(',')}`)}
          >
            {t('procurement.compareSelected', { count: selected.length })}
          </Button>
          {editable && (
            <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => setForm({ bid: null })}>
              {t('procurement.newBid')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('procurement.bidsIntro')}
      </Text>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={80} />}
      {upload.data && (
        <Alert color="teal" role="status" mb="sm">
          {t('procurement.uploaded', { read: upload.data.read })}
          {upload.data.unknownIds.length > 0 &&
            ` ${t('procurement.unknownIds', { ids: upload.data.unknownIds.join(', ') })}`}
        </Alert>
      )}
      {upload.error && (
        <Alert color="red" role="alert" mb="sm" title={t('procurement.uploadRefused')}>
          {uploadProblems.length === 0 && <ErrorAlert error={upload.error} />}
          <List size="sm">
            {uploadProblems.map((d) => (
              <List.Item key={`${d.where}:${d.message}`}>
                {d.where ? `${d.where}: ` : ''}
                {inLanguage(i18n.language, d.message, d.messageJa)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {remove.error && <ErrorAlert error={remove.error} />}
      {sheet.error && <ErrorAlert error={sheet.error} />}
      {q.data && q.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('procurement.noBids')}
        </Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped withTableBorder aria-label={t('procurement.bids')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>{t('procurement.col.select')}</Table.Th>
                <Table.Th>{t('procurement.bid.tender')}</Table.Th>
                <Table.Th>{t('procurement.bid.vendor')}</Table.Th>
                <Table.Th>{t('procurement.bid.model')}</Table.Th>
                <Table.Th>{t('procurement.col.score')}</Table.Th>
                <Table.Th>{t('procurement.col.gaps')}</Table.Th>
                <Table.Th>{t('procurement.col.rowActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((b) => (
                <Table.Tr key={b.id} data-bid={b.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('procurement.aria.select', { name: `${b.vendor} ${b.model}` })}
                      checked={selected.includes(b.id)}
                      onChange={(e) => toggle(b.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{b.tender}</Table.Td>
                  <Table.Td>{b.vendor}</Table.Td>
                  <Table.Td>
                    {b.manufacturer} {b.model}
                  </Table.Td>
                  <Table.Td>
                    <Text fw={700} data-score={b.score.percent}>
                      {b.score.percent}%
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('procurement.answered', { answered: b.score.answered, total: b.score.total })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <GapBadges gaps={b.score.mandatoryGaps} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('procurement.aria.bidSheet', { name: `${b.vendor} ${b.model}` })}
                        title={t('procurement.aria.bidSheet', { name: `${b.vendor} ${b.model}` })}
                        loading={sheet.isPending && sheet.variables?.id === b.id}
                        onClick={() => sheet.mutate(b)}
                      >
                        <IconDownload size={16} />
                      </ActionIcon>
                      {editable && (
                        <>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('procurement.aria.editBid', { name: `${b.vendor} ${b.model}` })}
                            onClick={() => setForm({ bid: b })}
                          >
                            <IconEdit size={16} />
                          </ActionIcon>
                          <FileButton
                            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            onChange={(file) => file && upload.mutate({ bid: b, file })}
                          >
                            {(props) => (
                              <ActionIcon
                                {...props}
                                variant="subtle"
                                aria-label={t('procurement.aria.upload', { name: `${b.vendor} ${b.model}` })}
                                loading={upload.isPending && upload.variables?.bid.id === b.id}
                              >
                                <IconUpload size={16} />
                              </ActionIcon>
                            )}
                          </FileButton>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('procurement.aria.removeBid', { name: `${b.vendor} ${b.model}` })}
                            onClick={() => {
                              if (window.confirm(t('procurement.confirmRemoveBid'))) remove.mutate(b.id)
                            }}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {form && <BidForm key={form.bid?.id ?? 'new'} bid={form.bid} opened onClose={() => setForm(null)} />}
    </Paper>
  )
}
