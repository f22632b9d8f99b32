import type { ChecklistEdition, ChecklistItem } from '../../../../api/checklist.js'

/** An item as an edition file writes it: the crosswalk is added from ../crosswalk.ts by the edition's builder. */
export type ItemData = Omit<ChecklistItem, 'crosswalk'>

export const SECTIONS: Record<number, { ja: string; en: string }> = {
  0: { ja: '前提', en: 'Precondition' },
  1: { ja: '体制構築', en: 'Organisation' },
  2: { ja: '医療情報システムの管理・運用', en: 'Management and operation of medical information systems' },
  3: { ja: 'インシデント発生に備えた対応', en: 'Preparing for incidents' },
}

/** The precondition item: answered いいえ, every other item needs no answer (確認不要). */
export const PRECONDITION_ID = '前提'

export type BuiltInEdition = ChecklistEdition
