/**
 * Capture readers (ADR 0044): pcap (both byte orders, micro- and nanosecond) and pcapng (several sections,
 * interfaces and link types; EPB, SPB, OPB; if_tsresol/if_tsoffset), recognised by their magic number, never by the
 * file name. `createCaptureReader` is a synchronous push parser: it keeps at most one incomplete record or block
 * between chunks, and hands every packet a view into its buffer. `readCapture`/`decompressed` add gzip (by magic,
 * streamed through node:zlib, bounded) for async sources.
 *
 * - The synchronous reader does not inflate: handed gzip bytes it reports `unknown-format` (fatal) with the detail
 *   "gzip: use readCapture (first bytes …)". The service and CLI always go through `readCapture`.
 * - pcapng interface ids (`CapturedPacket.interfaceId`, `info.interfaces[].id`) are numbered over the whole file,
 *   sections one after the other, as Wireshark numbers them; each section has its own byte order and interfaces.
 * - A simple packet block has no timestamp: it takes the previous packet's time (0 when it is the first).
 * - A record that straddles two pushes is the only thing copied; every other packet's `data` is a view into the
 *   pushed chunk, valid only during `onPacket`.
 */
import { createGunzip } from 'node:zlib'
import type {
  CaptureFileInfo,
  CaptureProblem,
  CaptureProblemCode,
  CaptureReader,
  CaptureReaderHandlers,
} from '../contract.js'
import { MAX_PROBLEMS_PER_CODE } from '../contract.js'

/** Largest pcap record we believe (beyond the file's snap length): 256 KiB, as Wireshark's limit for most links. */
const MAX_RECORD = 256 * 1024
/** Largest pcapng block we believe. */
const MAX_BLOCK = 256 * 1024 * 1024

const PCAP_MAGICS: Record<number, { le: boolean; nano: boolean }> = {
  2712847316: { le: false, nano: false },
  3569595041: { le: true, nano: false },
  2712812621: { le: false, nano: true },
  1295823521: { le: true, nano: true },
}
const SHB = 0x0a0d0d0a
const BOM = 0x1a2b3c4d

function hex(bytes: Uint8Array, n = 8): string {
  return [...bytes.subarray(0, n)].map((b) => b.toString(16).padStart(2, '0')).join(' ')
}

/** True when the bytes start with gzip's magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

interface Iface {
  linkType: number
  snapLength: number
  /** Units per second of the timestamps (exact, as if_tsresol says: 10^n or 2^n), and the offset in seconds. */
  perSecond: bigint
  /** perSecond / 10^6 when whole and ≤ 2^21 (1 for µs, 1000 for ns), else 0 (BigInt path). */
  divisor: number
  offsetSec: number
  name: string | null
}

/**
 * A push parser for pcap and pcapng. Never throws from `push`/`end`; problems go to `handlers.onProblem` (at most
 * MAX_PROBLEMS_PER_CODE per code; all counted in the analyzer). After a fatal problem further input is ignored.
 */
export function createCaptureReader(handlers: CaptureReaderHandlers): CaptureReader {
  const info: CaptureFileInfo = { format: null, gzip: false, linkTypes: [], interfaces: [], bytes: 0, packets: 0 }
  const counts = new Map<CaptureProblemCode, number>()
  let leftover: Uint8Array | null = null
  /** Offset in the stream of the first byte of the buffer being parsed. */
  let base = 0
  let fatal = false
  // pcap state
  let pcap: { le: boolean; nano: boolean; snap: number; linkType: number } | null = null
  // pcapng state (per section)
  let ngLe = true
  let ifaces: Iface[] = []
  let started = false
  /** pcapng: interface ids are numbered over the whole file (as Wireshark does): this section's first one. */
  let sectionBase = 0
  /** Time of the last packet: a simple packet block has none of its own and takes it. */
  let lastTimeUs = 0

  function problem(code: CaptureProblemCode, offset: number, packet: number | null, detail: string, isFatal: boolean) {
    const n = (counts.get(code) ?? 0) + 1
    counts.set(code, n)
    if (isFatal) fatal = true
    const p: CaptureProblem = { code, offset, packet, detail, severity: isFatal ? 'fatal' : 'skipped' }
    if (n <= MAX_PROBLEMS_PER_CODE || isFatal) handlers.onProblem(p)
  }

  function addLinkType(lt: number) {
    if (!info.linkTypes.includes(lt)) info.linkTypes.push(lt)
  }

  function packet(offset: number, iface: number, lt: number, timeUs: number, data: Uint8Array, orig: number) {
    info.packets++
    lastTimeUs = timeUs
    handlers.onPacket({
      number: info.packets,
      offset,
      interfaceId: iface,
      linkType: lt,
      timeUs,
      capturedLength: data.length,
      originalLength: orig,
      data,
    })
  }

  /** Decides the format from the first 4 bytes; returns false (and reports) when unknown. */
  function detect(buf: Uint8Array): boolean {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    const magic = dv.getUint32(0, false)
    if (magic in PCAP_MAGICS) {
      info.format = 'pcap'
      return true
    }
    if (magic === SHB) {
      info.format = 'pcapng'
      return true
    }
    const detail = isGzip(buf) ? `gzip: use readCapture (first bytes ${hex(buf)})` : `first bytes ${hex(buf)}`
    problem('unknown-format', 0, null, detail, true)
    return false
  }

  /** Parses as much of `buf` as holds whole records; returns the number of bytes consumed. */
  function parsePcap(buf: Uint8Array): number {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    let pos = 0
    if (!pcap) {
      if (buf.length < 24) return 0
      const m = PCAP_MAGICS[dv.getUint32(0, false)]
      if (!m) return 0
      const snap = dv.getUint32(16, m.le)
      const linkType = dv.getUint32(20, m.le) & 0x0fffffff
      pcap = { ...m, snap, linkType }
      addLinkType(linkType)
      info.interfaces.push({ id: 0, linkType, name: null, snapLength: snap })
      pos = 24
    }
    const { le, nano, linkType } = pcap
    const limit = Math.max(pcap.snap, MAX_RECORD)
    while (pos + 16 <= buf.length) {
      const incl = dv.getUint32(pos + 8, le)
      if (incl > limit) {
        problem(
          'absurd-length',
          base + pos,
          info.packets + 1,
          `record of ${incl} bytes (limit ${limit}); a pcap cannot be resynchronised after it`,
          true,
        )
        return buf.length
      }
      if (pos + 16 + incl > buf.length) break
      const sec = dv.getUint32(pos, le)
      const frac = dv.getUint32(pos + 4, le)
      const timeUs = sec * 1_000_000 + (nano ? Math.floor(frac / 1000) : frac)
      packet(base + pos, 0, linkType, timeUs, buf.subarray(pos + 16, pos + 16 + incl), dv.getUint32(pos + 12, le))
      pos += 16 + incl
    }
    return pos
  }

  function readOptions(
    dv: DataView,
    buf: Uint8Array,
    start: number,
    end: number,
    le: boolean,
    each: (code: number, value: Uint8Array) => void,
  ) {
    let p = start
    while (p + 4 <= end) {
      const code = dv.getUint16(p, le)
      const len = dv.getUint16(p + 2, le)
      if (code === 0) break
      if (p + 4 + len > end) break
      each(code, buf.subarray(p + 4, p + 4 + len))
      p += 4 + ((len + 3) & ~3)
    }
  }

  /**
   * Microseconds from a pcapng 64-bit timestamp, exactly (a float division loses the last microsecond of nanosecond
   * times: 1.8e18 ns is beyond 2^53). Microseconds and divisors up to 2^21 per µs (ns, 10^-7…) stay in doubles:
   * (high·2^32 + low) / d = ⌊high/d⌋·2^32 + ((high mod d)·2^32 + low) / d, whose second term is below 2^53. Other
   * resolutions (2^-n, ms, ps) go through BigInt.
   */
  function ifaceTime(iface: Iface, high: number, low: number): number {
    const d = iface.divisor
    let us: number
    if (d === 1) us = high * 4294967296 + low
    else if (d > 1) {
      const hq = Math.floor(high / d)
      us = hq * 4294967296 + Math.floor(((high - hq * d) * 4294967296 + low) / d)
    } else {
      us = Number((((BigInt(high) << 32n) | BigInt(low)) * 1_000_000n) / iface.perSecond)
    }
    return us + iface.offsetSec * 1_000_000
  }

  /** Units per microsecond when that is a whole number up to 2^21 (fast exact path), else 0. */
  function divisorOf(perSecond: bigint): number {
    return perSecond % 1_000_000n === 0n && perSecond / 1_000_000n <= 2_097_152n ? Number(perSecond / 1_000_000n) : 0
  }

  function parsePcapng(buf: Uint8Array): number {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    let pos = 0
    while (pos + 12 <= buf.length) {
      const at = base + pos
      const typeBe = dv.getUint32(pos, false)
      if (typeBe === SHB) {
        // The byte order of a section is its own: read the byte-order magic first.
        const bomLe = dv.getUint32(pos + 8, true)
        if (bomLe === BOM) ngLe = true
        else if (dv.getUint32(pos + 8, false) === BOM) ngLe = false
        else {
          problem(
            'corrupt-block-length',
            at,
            null,
            `section header without its byte-order magic (${hex(buf.subarray(pos + 8))})`,
            true,
          )
          return buf.length
        }
      }
      const le = ngLe
      const type = dv.getUint32(pos, le)
      const total = dv.getUint32(pos + 4, le)
      if (total < 12 || total % 4 !== 0 || total > MAX_BLOCK) {
        problem('corrupt-block-length', at, null, `block type 0x${type.toString(16)} says ${total} bytes`, true)
        return buf.length
      }
      if (pos + total > buf.length) break
      const trailing = dv.getUint32(pos + total - 4, le)
      if (trailing !== total) {
        problem(
          'corrupt-block-length',
          at,
          null,
          `block type 0x${type.toString(16)}: leading length ${total}, trailing length ${trailing}`,
          true,
        )
        return buf.length
      }
      const body = pos + 8
      const end = pos + total - 4
      if (type === SHB) {
        ifaces = []
        sectionBase = info.interfaces.length
      } else if (type === 1) {
        const iface: Iface = {
          linkType: dv.getUint16(body, le),
          snapLength: dv.getUint32(body + 4, le),
          perSecond: 1_000_000n,
          divisor: 1,
          offsetSec: 0,
          name: null,
        }
        readOptions(dv, buf, body + 8, end, le, (code, v) => {
          if (code === 2) iface.name = new TextDecoder().decode(v).replace(/\0+$/, '')
          else if (code === 9 && v.length >= 1) {
            const r = v[0] ?? 6
            iface.perSecond = r & 0x80 ? 2n ** BigInt(r & 0x7f) : 10n ** BigInt(r)
            iface.divisor = divisorOf(iface.perSecond)
          } else if (code === 14 && v.length >= 8) {
            const o = new DataView(v.buffer, v.byteOffset, 8)
            iface.offsetSec = Number(o.getBigInt64(0, le))
          }
        })
        info.interfaces.push({
          id: info.interfaces.length,
          linkType: iface.linkType,
          name: iface.name,
          snapLength: iface.snapLength,
        })
        ifaces.push(iface)
        addLinkType(iface.linkType)
      } else if (type === 6 || type === 2) {
        const id = type === 6 ? dv.getUint32(body, le) : dv.getUint16(body, le)
        const high = dv.getUint32(body + 4, le)
        const low = dv.getUint32(body + 8, le)
        const cap = dv.getUint32(body + 12, le)
        const orig = dv.getUint32(body + 16, le)
        const iface = ifaces[id]
        if (body + 20 + cap > end) {
          problem(
            'corrupt-block-length',
            at,
            info.packets + 1,
            `packet block of ${total} bytes holds ${cap} captured bytes`,
            true,
          )
          return buf.length
        } else if (!iface) {
          info.packets++
          problem(
            'unknown-interface',
            at,
            info.packets,
            `interface ${id} (${ifaces.length} described in this section)`,
            false,
          )
        } else {
          packet(
            at,
            sectionBase + id,
            iface.linkType,
            ifaceTime(iface, high, low),
            buf.subarray(body + 20, body + 20 + cap),
            orig,
          )
        }
      } else if (type === 3) {
        const iface = ifaces[0]
        const orig = dv.getUint32(body, le)
        const room = end - (body + 4)
        if (!iface) {
          info.packets++
          problem('unknown-interface', at, info.packets, 'simple packet block without interface 0', false)
        } else {
          const cap = Math.min(orig, room, iface.snapLength || room)
          packet(at, sectionBase, iface.linkType, lastTimeUs, buf.subarray(body + 4, body + 4 + cap), orig)
        }
      }
      // Other blocks (name resolution, statistics, decryption secrets, custom) are skipped by their length.
      pos += total
    }
    return pos
  }

  function parse(buf: Uint8Array): number {
    if (!started) {
      if (buf.length < 4) return 0
      started = true
      if (!detect(buf)) return buf.length
    }
    return info.format === 'pcap' ? parsePcap(buf) : parsePcapng(buf)
  }

  /**
   * Bytes the held partial record needs in all to be whole, or -1 when that cannot be told from it (file header not
   * parsed yet, or a length the parser will refuse): then the whole next chunk is joined and the parser decides.
   */
  function need(held: Uint8Array): number {
    if (!started || (info.format === 'pcap' && !pcap)) return -1
    const dv = new DataView(held.buffer, held.byteOffset, held.byteLength)
    if (info.format === 'pcap' && pcap) {
      if (held.length < 16) return 16
      const incl = dv.getUint32(8, pcap.le)
      return incl > Math.max(pcap.snap, MAX_RECORD) ? -1 : 16 + incl
    }
    if (held.length < 12) return 12
    let le = ngLe
    if (dv.getUint32(0, false) === SHB) {
      if (dv.getUint32(8, true) === BOM) le = true
      else if (dv.getUint32(8, false) === BOM) le = false
      else return -1
    }
    const total = dv.getUint32(4, le)
    return total < 12 || total % 4 !== 0 || total > MAX_BLOCK ? -1 : total
  }

  return {
    info,
    push(chunk) {
      if (fatal || chunk.length === 0) return
      let rest = chunk
      // A record straddling pushes: complete it from the head of this chunk (copying only that record), parse it,
      // then parse the rest of the chunk in place.
      while (leftover && rest.length > 0 && !fatal) {
        const want = need(leftover)
        const take = want < 0 ? rest.length : Math.max(0, Math.min(want - leftover.length, rest.length))
        if (take === 0) break
        const joined = new Uint8Array(leftover.length + take)
        joined.set(leftover)
        joined.set(rest.subarray(0, take), leftover.length)
        rest = rest.subarray(take)
        if (want >= 0 && joined.length < want) {
          leftover = joined
          return
        }
        const used = parse(joined)
        base += used
        info.bytes = base
        leftover = used < joined.length && !fatal ? joined.slice(used) : null
      }
      if (fatal || rest.length === 0) return
      if (leftover) {
        // The held bytes could not be completed (should not happen): fall back to joining everything.
        const joined = new Uint8Array(leftover.length + rest.length)
        joined.set(leftover)
        joined.set(rest, leftover.length)
        rest = joined
        leftover = null
      }
      const used = parse(rest)
      base += used
      info.bytes = base
      leftover = used < rest.length && !fatal ? rest.slice(used) : null
    },
    end() {
      if (fatal) return
      if (!started && !leftover) {
        problem('unknown-format', 0, null, 'empty file', true)
        return
      }
      if (leftover && leftover.length > 0) {
        if (!started) problem('unknown-format', 0, null, `only ${leftover.length} bytes`, true)
        else
          problem(
            'truncated',
            base,
            info.packets + 1,
            `${leftover.length} bytes left of an incomplete ${info.format === 'pcap' ? 'record' : 'block'}`,
            false,
          )
        leftover = null
      } else if (info.format === 'pcap' && !pcap) {
        problem('truncated', 0, null, 'the pcap header is incomplete', false)
      }
    },
  }
}

/**
 * The bytes of a capture, decompressed when they start with gzip's magic (streamed through node:zlib; concatenated
 * members too). `maxBytes` bounds what decompression may produce (a gzip bomb): beyond it the stream ends with an
 * error whose message says so. `onCompressed` reports the compressed bytes read (progress against the file size).
 */
export async function* decompressed(
  source: AsyncIterable<Uint8Array>,
  opts: { maxBytes?: number; onGzip?(): void; onCompressed?(bytes: number): void } = {},
): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]()
  const first = await it.next()
  if (first.done) return
  let head = first.value
  // Two bytes are enough to know; a one-byte first chunk (a pipe) waits for the next.
  while (head.length < 2) {
    const more = await it.next()
    if (more.done) break
    const joined = new Uint8Array(head.length + more.value.length)
    joined.set(head)
    joined.set(more.value, head.length)
    head = joined
  }
  let compressed = head.length
  if (!isGzip(head)) {
    try {
      opts.onCompressed?.(compressed)
      yield head
      for (let r = await it.next(); !r.done; r = await it.next()) {
        compressed += r.value.length
        opts.onCompressed?.(compressed)
        yield r.value
      }
    } finally {
      await it.return?.()
    }
    return
  }
  opts.onGzip?.()
  const gunzip = createGunzip()
  // After the consumer stops (a limit, an early return) the stream is destroyed: an error it emits then has nobody
  // listening, and must not crash the process.
  gunzip.on('error', () => {})
  const feed = (async () => {
    // Waits for room, or for the stream's end when the consumer destroyed it (no 'drain' will ever come then).
    const write = (c: Uint8Array) =>
      new Promise<void>((ok) => {
        if (gunzip.destroyed || gunzip.write(c)) return ok()
        const done = () => {
          gunzip.off('drain', done)
          gunzip.off('close', done)
          ok()
        }
        gunzip.once('drain', done)
        gunzip.once('close', done)
      })
    try {
      await write(head)
      opts.onCompressed?.(compressed)
      for (let r = await it.next(); !r.done; r = await it.next()) {
        if (gunzip.destroyed) break
        compressed += r.value.length
        await write(r.value)
        opts.onCompressed?.(compressed)
      }
      if (!gunzip.destroyed) gunzip.end()
    } catch (error) {
      gunzip.destroy(error as Error)
    } finally {
      // Let the source close its file or pipe when we stopped before its end.
      await it.return?.()
    }
  })()
  let out = 0
  try {
    for await (const chunk of gunzip) {
      out += (chunk as Buffer).length
      if (opts.maxBytes !== undefined && out > opts.maxBytes) throw new GzipLimitError(opts.maxBytes)
      yield chunk as Buffer
    }
  } finally {
    gunzip.destroy()
    await feed
  }
}

/** Decompression went past the allowed size (a gzip bomb, or a capture larger than allowed). */
export class GzipLimitError extends Error {
  constructor(readonly limit: number) {
    super(`decompressed data exceeds ${limit} bytes`)
  }
}

/**
 * Reads a whole capture from an async source (a file stream, a pipe) through a reader: gzip by magic, every packet
 * and problem to `handlers`. A damaged or oversized gzip stream ends reading with a `gzip-corrupt` problem (fatal);
 * the packets before it are kept.
 */
export async function readCapture(
  source: AsyncIterable<Uint8Array>,
  handlers: CaptureReaderHandlers,
  opts: { signal?: AbortSignal; onProgress?(compressedBytesRead: number): void; maxDecompressedBytes?: number } = {},
): Promise<CaptureFileInfo> {
  const reader = createCaptureReader(handlers)
  try {
    for await (const chunk of decompressed(source, {
      maxBytes: opts.maxDecompressedBytes,
      onGzip: () => {
        reader.info.gzip = true
      },
      onCompressed: opts.onProgress,
    })) {
      opts.signal?.throwIfAborted()
      reader.push(chunk)
    }
  } catch (error) {
    if (opts.signal?.aborted) throw error
    if (!reader.info.gzip) throw error
    handlers.onProblem({
      code: 'gzip-corrupt',
      offset: reader.info.bytes,
      packet: null,
      detail: error instanceof Error ? error.message : String(error),
      severity: 'fatal',
    })
    return reader.info
  }
  reader.end()
  return reader.info
}
