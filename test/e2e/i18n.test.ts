import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROLES } from '../../api/common.js'
import {
  CONNECTION_TYPES,
  DEVICE_CATEGORIES,
  DEVICE_KINDS,
  DEVICE_STATUSES,
  deviceInput,
  USAGE_ENVIRONMENTS,
} from '../../api/device.js'
import { uiCatalog } from '../../web/src/i18n/catalog.js'
import { UI_TEXTS } from '../../web/src/i18n/texts.js'

// The catalogs the browser gets: the UI's own texts plus the shared error texts and the ledger's field labels.
const ja = uiCatalog(UI_TEXTS.ja, 'ja')
const en = uiCatalog(UI_TEXTS.en, 'en')

/** Every leaf key of a nested translation object, as dotted paths. */
function leafKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix]
  return Object.entries(obj).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k))
}

function lookup(obj: unknown, key: string): unknown {
  let cur: unknown = obj
  for (const part of key.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined
    cur = Object.entries(cur).find(([k]) => k === part)?.[1]
  }
  return cur
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(p) ? [p] : []
  })
}

describe('web UI translations', () => {
  it('ja and en have exactly the same keys', () => {
    const jaKeys = leafKeys(ja).sort()
    const enKeys = leafKeys(en).sort()
    expect(jaKeys.filter((k) => !enKeys.includes(k))).toEqual([])
    expect(enKeys.filter((k) => !jaKeys.includes(k))).toEqual([])
  })

  it('no translation is empty', () => {
    for (const [name, dict] of [
      ['ja', ja],
      ['en', en],
    ] as const) {
      const empty = leafKeys(dict).filter((k) => String(lookup(dict, k)).trim() === '')
      expect(empty, `${name} has empty strings`).toEqual([])
    }
  })

  it('labels every enum value and device field in both languages', () => {
    const needed = [
      ...DEVICE_KINDS.map((v) => `enums.kind.${v}`),
      ...DEVICE_CATEGORIES.map((v) => `enums.category.${v}`),
      ...DEVICE_STATUSES.map((v) => `enums.status.${v}`),
      ...CONNECTION_TYPES.map((v) => `enums.connection.${v}`),
      ...USAGE_ENVIRONMENTS.map((v) => `enums.usage.${v}`),
      ...[0, 1, 2, 3, 4].map((v) => `enums.proximity.${v}`),
      ...ROLES.map((v) => `enums.role.${v}`),
      ...Object.keys(deviceInput.shape).map((f) => `fields.${f}`),
    ]
    for (const key of needed) {
      expect(typeof lookup(ja, key), `ja: ${key}`).toBe('string')
      expect(typeof lookup(en, key), `en: ${key}`).toBe('string')
    }
  })

  it('every literal t("…") key used in web/src exists in both languages', () => {
    const missing: string[] = []
    for (const file of sourceFiles(join(import.meta.dirname, '../../web/src'))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([^'$]+)'/g)) {
        const key = m[1] ?? ''
        if (typeof lookup(ja, key) !== 'string' || typeof lookup(en, key) !== 'string') missing.push(`${file}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('Japanese texts are actually Japanese where the English is a sentence', () => {
    // Guards against pasting English into ja.json: a long English string should not appear unchanged in Japanese.
    const same = leafKeys(en).filter((k) => {
      const e = String(lookup(en, k))
      return e.includes(' ') && e.length > 20 && e === String(lookup(ja, k))
    })
    expect(same).toEqual([])
  })
})
