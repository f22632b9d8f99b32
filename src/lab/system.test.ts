import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MamoriError } from '../core/errors.js'
import { assertLabPrerequisites, findBinary, isAlive, LAB_REQUIREMENTS, missingRequirements, run } from './system.js'

const dir = mkdtempSync(join(tmpdir(), 'mamori-lab-bin-'))
const tool = join(dir, 'mamori-fake-daemon')
writeFileSync(tool, '#!/bin/sh\necho ok\n')
chmodSync(tool, 0o755)
writeFileSync(join(dir, 'not-executable'), 'x')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fake = (binary: string, debianPackage: string) => ({ binary, debianPackage, usedFor: 'a test' })

describe('lab system checks', () => {
  it('finds executables on the given PATH or by absolute path, and nothing else', () => {
    expect(findBinary('mamori-fake-daemon', dir)).toBe(tool)
    expect(findBinary(tool)).toBe(tool)
    expect(findBinary('not-executable', dir)).toBeNull()
    expect(findBinary('mamori-surely-missing-binary', dir)).toBeNull()
  })

  it('names the Debian package of every missing binary', () => {
    expect(missingRequirements([fake(tool, 'x'), fake('/nonexistent/storescp', 'dcmtk')])).toEqual([
      fake('/nonexistent/storescp', 'dcmtk'),
    ])
    try {
      assertLabPrerequisites({
        needDaemons: true,
        uid: 0,
        requirements: [fake('/nonexistent/storescp', 'dcmtk'), fake('/nonexistent/dcmqrscp', 'dcmtk'), fake(tool, 'y')],
      })
      expect.unreachable('should refuse')
    } catch (e) {
      expect(e).toBeInstanceOf(MamoriError)
      const err = e instanceof MamoriError ? e : null
      expect(err?.code).toBe('LAB_MISSING_BINARY')
      expect(err?.message).toContain('apt-get install -y --no-install-recommends dcmtk')
      expect(err?.details?.map((d) => d.where)).toEqual(['/nonexistent/storescp', '/nonexistent/dcmqrscp'])
    }
  })

  it('refuses to run without root, saying why', () => {
    expect(() => assertLabPrerequisites({ needDaemons: false, uid: 1000 })).toThrow(/needs root/)
  })

  it('lists every daemon the topology needs', () => {
    const bins = LAB_REQUIREMENTS.map((r) => r.binary)
    for (const b of [
      'storescp',
      'dcmqrscp',
      'smbd',
      'vsftpd',
      'inetd',
      '/usr/sbin/telnetd',
      'snmpd',
      '/usr/sbin/sshd',
    ]) {
      expect(bins).toContain(b)
    }
  })

  it('runs argv without a shell and reports failures with stderr', async () => {
    expect(await run(tool, [])).toBe('ok\n')
    // A shell metacharacter in an argument stays a literal argument.
    expect(await run('/bin/echo', ['$(id); x'])).toBe('$(id); x\n')
    await expect(run('/bin/sh', ['-c', 'echo boom >&2; exit 3'])).rejects.toThrow(/boom/)
  })

  it('tells live processes from gone ones', () => {
    expect(isAlive(process.pid)).toBe(true)
    expect(isAlive(2 ** 22 + 12345)).toBe(false)
  })
})
