import type {
  ChecklistAnswer,
  ChecklistEdition,
  ChecklistEvidence,
  ChecklistVendor,
  ChecklistView,
} from '../../../api/checklist.js'
import { completion, emptyAnswer, notRequired } from './answers.js'
import { PRECONDITION_ID } from './editions/types.js'

export { itemText, SUMMARY_MARK } from './answers.js'

/** The view of one form: every item with its answer (or an empty one) and its evidence, and the completion. */
export function buildView(
  edition: ChecklistEdition,
  answers: readonly ChecklistAnswer[],
  evidence: (itemId: string) => ChecklistEvidence | null,
  vendor: ChecklistVendor | null,
  today: string,
): ChecklistView {
  const byItem = new Map(answers.map((a) => [a.itemId, a]))
  const { items, ...meta } = edition
  return {
    edition: meta,
    vendor,
    rows: items.map((item) => ({
      item,
      answer: byItem.get(item.id) ?? emptyAnswer(item.id),
      evidence: evidence(item.id),
    })),
    completion: completion(items, byItem, today),
    notRequired: notRequired(items, byItem),
  }
}

/** True when the view's 前提 is answered いいえ: every other item is 確認不要. */
export function notRequiredView(view: ChecklistView): boolean {
  return notRequired(
    view.rows.map((r) => r.item),
    new Map(view.rows.filter((r) => r.item.id === PRECONDITION_ID).map((r) => [r.item.id, r.answer])),
  )
}
