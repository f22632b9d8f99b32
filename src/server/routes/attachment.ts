import type { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'

const MEDIA = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  gzip: 'application/gzip',
  csv: 'text/csv; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
} as const

/**
 * Sends a generated file as a download. The name may hold Japanese (a maker or model name): browsers read it from
 * `filename*` (RFC 6266/5987); `filename` keeps an ASCII fallback so no header carries raw non-ASCII bytes.
 */
export function attachment(reply: FastifyReply, fileName: string, kind: keyof typeof MEDIA, body: Buffer | Readable) {
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_')
  return reply
    .header('content-type', MEDIA[kind])
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(body)
}
