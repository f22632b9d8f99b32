import bcpEn from './bcp.en.json' with { type: 'json' }
import bcpJa from './bcp.ja.json' with { type: 'json' }
import captureEn from './capture.en.json' with { type: 'json' }
import captureJa from './capture.ja.json' with { type: 'json' }
import en from './en.json' with { type: 'json' }
import ja from './ja.json' with { type: 'json' }
import lifecycleEn from './lifecycle.en.json' with { type: 'json' }
import lifecycleJa from './lifecycle.ja.json' with { type: 'json' }

/**
 * The UI's own texts per language: the main files plus one pair per issue-11 area (procurement, acceptance,
 * decommission and lifecycle in ./lifecycle.*.json; continuity in ./bcp.*.json; passive discovery in ./capture.*.json), so the areas can grow apart. Each
 * module file holds whole top-level sections the main files do not have (a test checks that none is overwritten).
 */
export const MODULE_TEXTS = {
  ja: [lifecycleJa, bcpJa, captureJa],
  en: [lifecycleEn, bcpEn, captureEn],
} as const

export const UI_TEXTS = {
  ja: Object.assign({}, ja, ...MODULE_TEXTS.ja) as Record<string, unknown>,
  en: Object.assign({}, en, ...MODULE_TEXTS.en) as Record<string, unknown>,
}
