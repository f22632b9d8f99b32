import type { MultipartFile } from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import { MamoriError } from '../../core/errors.js'

/**
 * Reads the one uploaded file. toBuffer() throws FST_REQ_FILE_TOO_LARGE past the configured limit (the error plugin
 * answers 413); a body cut short (connection dropped mid-upload, a client bug) makes the multipart parser fail with a
 * plain Error, answered here as 400 UPLOAD_INCOMPLETE with the parser's reason instead of a 500.
 */
export async function readUpload(req: FastifyRequest): Promise<{ file: MultipartFile; bytes: Buffer }> {
  try {
    const file = await req.file()
    if (!file) throw MamoriError.of('IMPORT_NO_FILE')
    return { file, bytes: await file.toBuffer() }
  } catch (err) {
    if (err instanceof MamoriError || typeof (err as { statusCode?: unknown }).statusCode === 'number') throw err
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200)
    throw MamoriError.of('UPLOAD_INCOMPLETE', { why })
  }
}
