import { readFileSync, statSync } from 'node:fs'
import type { Command } from 'commander'
import { MamoriError } from '../../core/errors.js'
import { MAX_NMAP_XML_BYTES, parseNmapXml } from '../../importers/nmap-xml.js'
import { cliActor } from '../actor.js'
import { EXIT, report, withServices } from '../context.js'

export function register(program: Command): void {
  const imp = program.command('import').description('Import results from other tools / 他ツールの結果を取り込む')
  imp
    .command('nmap <file>')
    .description('Import nmap XML (nmap -oX) as a finished scan: hosts, ports, reconciliation and findings')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      let size: number
      try {
        size = statSync(file).size
      } catch {
        throw MamoriError.of('FILE_NOT_FOUND', { file })
      }
      if (size > MAX_NMAP_XML_BYTES) {
        throw MamoriError.of('FILE_TOO_LARGE', { file, size, max: MAX_NMAP_XML_BYTES })
      }
      const parsed = parseNmapXml(readFileSync(file))
      const errors = parsed.problems.filter((p) => p.severity === 'error')
      if (parsed.hosts.length === 0 && errors.length > 0) {
        throw MamoriError.of(
          'NMAP_XML_INVALID',
          { file },
          errors.map((p) => ({ where: `${file}: ${p.where}`, message: p.message })),
        )
      }
      await withServices(cmd, async (services) => {
        const hosts = parsed.hosts.map((h) => ({ ...h, services: h.services }))
        const scan = await services.scans.importObservations(hosts, { label: 'nmap-import', file }, cliActor(), {
          trigger: 'cli',
        })
        report(cmd, { scan, problems: parsed.problems, complete: parsed.complete }, () =>
          [
            `Imported ${parsed.hosts.length} hosts from ${file} as scan ${scan.id}: ${scan.progress.hostsUp} up, ${scan.progress.openPorts} open ports, ${scan.progress.findings} findings.`,
            ...parsed.problems.map((p) => `${p.severity}: ${p.where}: ${p.message}`),
            parsed.complete ? '' : 'The file ends early (nmap did not finish): hosts after that point are missing.',
          ]
            .filter(Boolean)
            .join('\n'),
        )
        if (errors.length > 0) process.exitCode = EXIT.invalidInput
      })
    })
}
