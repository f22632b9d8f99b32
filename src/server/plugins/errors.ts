import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { ZodError } from 'zod'
import { type ErrorDetail, MamoriError, splitBilingual } from '../../core/errors.js'

/** The one error JSON (api/common.ts `apiError`): code, English and Japanese text, the catalog parameters, details. */
function send(reply: FastifyReply, e: MamoriError) {
  // Texts from the catalog come in both languages; a legacy one-line "English / 日本語" text is split here (ADR 0009).
  const text = e.messageJa ? { en: e.message, ja: e.messageJa } : splitBilingual(e.message)
  return reply.status(e.status).send({
    error: { code: e.code, message: text.en, messageJa: text.ja, params: e.params, details: e.details },
  })
}

/** A 400 listing each invalid field, in the catalog's words (`errors.VALIDATION_FAILED`). */
function invalid(details: ErrorDetail[]): MamoriError {
  return MamoriError.of(
    'VALIDATION_FAILED',
    {
      problems: {
        en: details.map((d) => `${d.where}: ${d.message}`).join('; '),
        ja: details.map((d) => d.where).join('、'),
      },
    },
    details,
  )
}

/**
 * One JSON error shape for every failure. Expected failures keep their code; Fastify's own (validation, rate
 * limit, upload size, other 4xx) get catalog codes and texts; anything unexpected is logged in full and shown as a
 * short INTERNAL error without a stack.
 */
async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof MamoriError) return send(reply, err)
    if (hasZodFastifySchemaValidationErrors(err)) {
      return send(
        reply,
        invalid(
          err.validation.map((v) => ({
            where: `${err.validationContext ?? 'request'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`,
            message: v.message ?? 'invalid',
          })),
        ),
      )
    }
    if (err instanceof ZodError) {
      return send(reply, invalid(err.issues.map((i) => ({ where: i.path.join('.') || 'body', message: i.message }))))
    }
    const fe = err as FastifyError
    if (fe.statusCode === 429) return send(reply, MamoriError.of('RATE_LIMITED'))
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT' || fe.statusCode === 413) {
      return send(
        reply,
        MamoriError.of('UPLOAD_TOO_LARGE', { mb: Math.round(app.deps.config.maxUploadBytes / 1048576) }),
      )
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type…): its English text is precise, so it stays the message.
      const e = MamoriError.of('BAD_REQUEST', { reason: fe.code ?? String(fe.statusCode) })
      return reply.status(fe.statusCode).send({
        error: { code: fe.code ?? 'BAD_REQUEST', message: fe.message, messageJa: e.messageJa, params: e.params },
      })
    }
    req.log.error({ err }, 'unexpected error')
    return send(reply, MamoriError.of('INTERNAL'))
  })
}

export default fp(errorsPlugin, { name: 'mamori-errors' })
