/**
 * Entry point for the lab's Node servers, run inside a lab namespace by the runner:
 *   node [--import tsx] src/lab/servers/main.ts <http-admin|hl7-mllp> <server.json>
 * server.json is written by ../daemons.ts (the LabServer fields plus `port`). Listens on `::` (IPv4 and IPv6).
 */
import { readFileSync } from 'node:fs'
import type { Server } from 'node:net'
import { createHl7Responder } from './hl7-mllp.js'
import { createHttpAdmin } from './http-admin.js'

function str(o: Record<string, unknown>, key: string, file: string): string {
  const v = o[key]
  if (typeof v !== 'string') throw new Error(`${file}: "${key}" must be a string, got ${JSON.stringify(v)}`)
  return v
}

function main(argv: string[]): void {
  const [kind, file] = argv
  if (!kind || !file) throw new Error('usage: main.ts <http-admin|hl7-mllp> <server.json>')
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file}: expected a JSON object`)
  const conf: Record<string, unknown> = { ...parsed }
  const port = conf.port
  if (typeof port !== 'number' || !Number.isInteger(port)) throw new Error(`${file}: "port" must be an integer`)
  let server: Server
  if (kind === 'http-admin') {
    server = createHttpAdmin({ title: str(conf, 'title', file), serverHeader: str(conf, 'serverHeader', file) })
  } else if (kind === 'hl7-mllp') {
    server = createHl7Responder({
      sendingApplication: str(conf, 'sendingApplication', file),
      sendingFacility: str(conf, 'sendingFacility', file),
    })
  } else {
    throw new Error(`unknown lab server "${kind}": expected http-admin or hl7-mllp`)
  }
  server.on('error', (err) => {
    process.stderr.write(`${kind}: ${err.message}\n`)
    process.exit(1)
  })
  server.listen({ port, host: '::', ipv6Only: false }, () => process.stdout.write(`${kind} listening on ${port}\n`))
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => process.exit(0))
}

try {
  main(process.argv.slice(2))
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(2)
}
