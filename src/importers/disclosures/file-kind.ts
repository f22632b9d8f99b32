/**
 * What kind of file a disclosure upload is, from its bytes (never from its name):
 * - a ZIP (APPNOTE.TXT §4.3.7 "PK\x03\x04", or an empty archive's "PK\x05\x06") → an .xlsx/.xlsm workbook;
 * - an OLE compound file (MS-CFB §2.2 signature D0 CF 11 E0 A1 B1 1A E1) → either a password-protected workbook
 *   (encrypted OOXML, MS-OFFCRYPTO §2.3.4: streams named "EncryptionInfo" and "EncryptedPackage") or an old
 *   Excel 97–2003 .xls (a "Workbook" or "Book" stream). Directory entry names are UTF-16LE in the file, so their
 *   bytes are searched directly: enough to tell the two apart without a CFB reader;
 * - anything else is tried as text (CSV).
 */
export type FileKind = 'empty' | 'xlsx' | 'encrypted' | 'xls' | 'office-other' | 'text'

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

const utf16 = (s: string) => Buffer.from(s, 'utf16le')

export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty'
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1)
    return 'xlsx'
  if (CFB.every((b, i) => bytes[i] === b)) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (buf.includes(utf16('EncryptedPackage')) || buf.includes(utf16('EncryptionInfo'))) return 'encrypted'
    if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) return 'xls'
    return 'office-other'
  }
  return 'text'
}
