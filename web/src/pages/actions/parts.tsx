import { Badge, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Action } from '../../data/actions.js'

export { KevBadge, SeverityBadge } from '../vulns/parts.js'

/** The action's title in the UI language. */
export function titleOf(a: Pick<Action, 'titleJa' | 'titleEn'>, ja: boolean): string {
  return ja ? a.titleJa : a.titleEn
}

/** The due date, red and marked 期限超過 when overdue. */
export function DueDate({ action }: { action: Pick<Action, 'dueOn' | 'overdue' | 'status'> }) {
  const { t } = useTranslation()
  const overdue = action.overdue && action.status !== 'done' && action.status !== 'accepted'
  return (
    <Text size="sm" c={overdue ? 'red.7' : undefined} fw={overdue ? 700 : undefined} data-overdue={overdue}>
      {action.dueOn}
      {overdue ? ` (${t('actionUi.overdue')})` : ''}
    </Text>
  )
}

const STATUS_COLOR: Record<Action['status'], string> = {
  open: 'blue',
  in_progress: 'indigo',
  done: 'teal',
  accepted: 'grape',
}

/** The status in words (未着手 / 対応中 / 完了 / リスク受容). */
export function StatusBadge({ status }: { status: Action['status'] }) {
  const { t } = useTranslation()
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-status={status}>
      {t(`actionUi.status.${status}`)}
    </Badge>
  )
}
