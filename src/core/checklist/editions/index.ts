import type { ChecklistEdition } from '../../../../api/checklist.js'
import { crosswalkOf } from '../crosswalk.js'
import { R7_HOSPITAL_ITEMS } from './r7-hospital.js'
import { R7_VENDOR_ITEMS } from './r7-vendor.js'
import type { ItemData } from './types.js'

export { PRECONDITION_ID, SECTIONS } from './types.js'

const withCrosswalk = (items: ItemData[]) => items.map((i) => ({ ...i, crosswalk: crosswalkOf(i.id) }))

const SOURCE =
  'MHLW 医療機関におけるサイバーセキュリティ対策チェックリスト 令和7年度 (manual draft 2025-03-13, as re-published); 要旨 items are Mamori summaries'

/** The editions built into Mamori (newest first per form). */
export const BUILT_IN_EDITIONS: readonly ChecklistEdition[] = [
  {
    id: 'r7-hospital',
    form: 'hospital',
    fiscalYearJa: '令和7年度',
    titleJa: '医療機関におけるサイバーセキュリティ対策チェックリスト(医療機関確認用)',
    titleEn: 'Cybersecurity checklist for medical institutions (hospital form)',
    builtIn: true,
    source: SOURCE,
    loadedAt: null,
    items: withCrosswalk(R7_HOSPITAL_ITEMS),
  },
  {
    id: 'r7-vendor',
    form: 'vendor',
    fiscalYearJa: '令和7年度',
    titleJa: '医療機関におけるサイバーセキュリティ対策チェックリスト(事業者確認用)',
    titleEn: 'Cybersecurity checklist for medical institutions (vendor form)',
    builtIn: true,
    source: SOURCE,
    loadedAt: null,
    items: withCrosswalk(R7_VENDOR_ITEMS),
  },
]
