/**
 * Line splitting for text protocols (FTP, Telnet after option stripping, HTTP headers, SSH identification): bytes
 * arrive in any pieces; complete lines come out, an incomplete one waits, bounded.
 */
export class LineReader {
  private partial = ''
  constructor(private readonly maxLine = 1024) {}
  /** Lines completed by `bytes` (without CR/LF), latin-1 decoded. */
  push(bytes: Uint8Array): string[] {
    const out: string[] = []
    let s = this.partial
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i] ?? 0
      if (c === 0x0a) {
        out.push(s.endsWith('\r') ? s.slice(0, -1) : s)
        s = ''
      } else if (s.length < this.maxLine) s += String.fromCharCode(c)
    }
    this.partial = s
    return out
  }
  get pending(): string {
    return this.partial
  }
}
