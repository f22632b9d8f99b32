/** A multipart/form-data body with one file field named "file", as a browser sends it. */
export function fileUpload(
  fileName: string,
  bytes: Uint8Array,
): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = '----mamori-test-boundary-7c1f'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
