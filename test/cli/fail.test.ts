import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { asCatalogError } from '../../src/cli/context.js'
import { MamoriError } from '../../src/core/errors.js'
import { translate } from '../../src/core/messages/translate.js'
import { mamori } from '../helpers/cli.js'

describe('CLI errors come from the catalog', () => {
  it('fail() prints the English and the Japanese text of a catalog error and exits 3 for bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-fail-'))
    const r = await mamori(dir, ['devices', 'export', join(dir, 'out.pdf'), '--format', 'pdf'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(translate('en', 'errors.EXPORT_BAD_FORMAT', { format: 'pdf' }))
    expect(r.stderr).toContain(translate('ja', 'errors.EXPORT_BAD_FORMAT', { format: 'pdf' }))
    expect(r.stderr).toContain('形式「pdf」は使えません')
    const json = await mamori(dir, ['--json', 'devices', 'export', join(dir, 'out.csv'), '--lang', 'fr'])
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: 'EXPORT_BAD_LANG',
      message: 'Unknown language "fr": use ja or en.',
    })
  }, 60_000)

  it('a ZodError becomes INVALID_INPUT naming the fields in both languages, with zod reasons as details', () => {
    const parsed = z.object({ name: z.string(), role: z.enum(['a', 'b']) }).safeParse({ role: 'c' })
    if (parsed.success) throw new Error('expected a failure')
    const e = asCatalogError(parsed.error)
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.status).toBe(400)
    expect(e.message).toBe('The input is invalid: name, role')
    expect(e.messageJa).toBe('入力内容に誤りがあります（name、role）。')
    expect(e.details?.map((d) => d.where)).toEqual(['name', 'role'])
  })

  it('an unexpected error becomes INTERNAL and keeps its English cause for the terminal', () => {
    const e = asCatalogError(new Error('EACCES: permission denied'))
    expect([e.code, e.status, e.message]).toEqual(['INTERNAL', 500, translate('en', 'errors.INTERNAL')])
    expect(e.messageJa).toBe(translate('ja', 'errors.INTERNAL'))
    expect(e.details).toEqual([{ where: 'cause', message: 'EACCES: permission denied' }])
    const known = MamoriError.of('SCOPE_EXISTS', { target: '10.0.0.0/24' })
    expect(asCatalogError(known)).toBe(known)
  })
})
