import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { ZodError } from 'zod'
import { MamoriError, splitBilingual } from '../../core/errors.js'

/**
 * One JSON error shape for every failure: `{ error: { code, message, details? } }`. Expected failures keep their
 * code and message; anything unexpected is logged in full and shown as a short INTERNAL error without a stack.
 */
async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof MamoriError) {
      // English in `message`, Japanese in `messageJa` (ADR 0009); legacy "English / 日本語" texts are split here.
      const text = err.messageJa ? { en: err.message, ja: err.messageJa } : splitBilingual(err.message)
      return reply.status(err.status).send({
        error: { code: err.code, message: text.en, messageJa: text.ja, details: err.details },
      })
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        where: `${err.validationContext ?? 'request'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`,
        message: v.message ?? 'invalid',
      }))
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `The request is invalid: ${details.map((d) => `${d.where}: ${d.message}`).join('; ')}`,
          messageJa: `リクエストの内容に誤りがあります（${details.map((d) => d.where).join('、')}）。`,
          details,
        },
      })
    }
    if (err instanceof ZodError) {
      const details = err.issues.map((i) => ({ where: i.path.join('.') || 'body', message: i.message }))
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `The data is invalid: ${details.map((d) => `${d.where}: ${d.message}`).join('; ')}`,
          messageJa: `データの内容に誤りがあります（${details.map((d) => d.where).join('、')}）。`,
          details,
        },
      })
    }
    const fe = err as FastifyError
    if (fe.statusCode === 429) {
      return reply.status(429).send({
        error: {
          code: 'RATE_LIMITED',
          message: 'Too many attempts; wait a minute and try again.',
          messageJa: '試行回数が多すぎます。1分後に再度お試しください。',
        },
      })
    }
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT' || fe.statusCode === 413) {
      const mb = Math.round(app.deps.config.maxUploadBytes / 1024 / 1024)
      return reply.status(413).send({
        error: {
          code: 'UPLOAD_TOO_LARGE',
          message: `The file is larger than the limit of ${mb} MB (MAMORI_MAX_UPLOAD_MB).`,
          messageJa: `ファイルが上限 ${mb} MB を超えています（MAMORI_MAX_UPLOAD_MB）。`,
        },
      })
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({
        error: {
          code: fe.code ?? 'BAD_REQUEST',
          message: fe.message,
          messageJa: `リクエストを処理できませんでした（${fe.code ?? fe.statusCode}）。`,
        },
      })
    }
    req.log.error({ err }, 'unexpected error')
    return reply.status(500).send({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on the server; the details are in the server log.',
        messageJa: 'サーバーで問題が発生しました。詳しくはサーバーのログをご覧ください。',
      },
    })
  })
}

export default fp(errorsPlugin, { name: 'mamori-errors' })
