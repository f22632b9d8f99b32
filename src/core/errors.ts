/**
 * An expected failure with a stable code, an HTTP status and a message written for a clinical engineer.
 * `details` locate the problem (file, row, column, value) so the user can fix it without guessing.
 */
export class MamoriError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: { where: string; message: string }[],
  ) {
    super(message)
    this.name = 'MamoriError'
  }
}

export const notFound = (what: string, id: string) =>
  new MamoriError('NOT_FOUND', `${what} "${id}" was not found.`, 404)
export const forbidden = (why: string) => new MamoriError('FORBIDDEN', why, 403)
export const conflict = (code: string, why: string) => new MamoriError(code, why, 409)
