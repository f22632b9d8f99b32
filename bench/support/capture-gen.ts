/**
 * Makes a large capture out of the lab's recorded traffic (test/fixtures/captures/lab-traffic.pcap): the same
 * exchanges replayed ward after ward (512 wards, one /24 each in 10.64.0.0/10; fd77:: → a /64 each), then again in
 * later rounds with new ephemeral ports, each copy 20 s after the previous, until the file reaches the size asked. Classic pcap, Ethernet, microseconds,
 * little-endian (as tcpdump writes on x86). Checksums are not recomputed: neither reader checks them.
 *
 *   node --import tsx bench/support/capture-gen.ts OUT.pcap BYTES
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
export const LAB_CAPTURE = join(ROOT, 'test', 'fixtures', 'captures', 'lab-traffic.pcap')

interface Rec {
  sec: number
  usec: number
  data: Uint8Array
  orig: number
}

function readPcap(file: string): { header: Uint8Array; records: Rec[] } {
  const buf = readFileSync(file)
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  if (dv.getUint32(0, true) !== 0xa1b2c3d4) throw new Error(`${file}: expected a little-endian microsecond pcap`)
  const records: Rec[] = []
  for (let off = 24; off + 16 <= buf.length; ) {
    const incl = dv.getUint32(off + 8, true)
    records.push({
      sec: dv.getUint32(off, true),
      usec: dv.getUint32(off + 4, true),
      orig: dv.getUint32(off + 12, true),
      data: buf.subarray(off + 16, off + 16 + incl),
    })
    off += 16 + incl
  }
  return { header: buf.subarray(0, 24), records }
}

/**
 * How many wards the copies cycle through: a real capture of 1 GB is more hours of the same devices, not 20,000
 * hospitals. Copy k plays ward k % WARDS, with its ephemeral ports moved by the round (k / WARDS) so every round's
 * connections are new ones.
 */
export const WARDS = 512

/** Rewrites 10.77.0.x (and fd77::x, and the lab's MACs) in place for copy `k`. */
function rewrite(frame: Uint8Array, k: number): void {
  const ward = k % WARDS
  const round = Math.floor(k / WARDS)
  const a = 64 + ((ward >> 8) & 63)
  const b = ward & 255
  // MACs: the 4th and 5th bytes carry the copy number (the OUI, bytes 0–2, stays: the vendor stays the same).
  for (const base of [0, 6]) {
    if ((frame[base] ?? 0) & 1) continue // broadcast/multicast destination stays
    frame[base + 3] = a
    frame[base + 4] = b
  }
  const etherType = ((frame[12] ?? 0) << 8) | (frame[13] ?? 0)
  const v4 = (off: number) => {
    if (frame[off] === 10 && frame[off + 1] === 77) {
      frame[off + 1] = a
      frame[off + 2] = b
    }
  }
  if (etherType === 0x0800) {
    v4(26)
    v4(30)
    const l4 = 14 + ((frame[14] ?? 0x45) & 15) * 4
    const proto = frame[23]
    if ((proto === 6 || proto === 17) && round > 0) {
      for (const at of [l4, l4 + 2]) {
        const port = ((frame[at] ?? 0) << 8) | (frame[at + 1] ?? 0)
        if (port < 32768) continue
        const moved = 32768 + ((port - 32768 + round * 7) % 28000)
        frame[at] = moved >> 8
        frame[at + 1] = moved & 255
      }
    }
  } else if (etherType === 0x0806) {
    v4(28)
    v4(38)
  } else if (etherType === 0x86dd) {
    for (const off of [22, 38]) {
      if (frame[off] === 0xfd && frame[off + 1] === 0x77) {
        frame[off + 6] = a
        frame[off + 7] = b
      }
    }
  }
}

/** Writes `bytes` (at least) of replayed lab traffic to `out`; returns packets and bytes written. */
export function generateCapture(out: string, bytes: number): { packets: number; bytes: number; copies: number } {
  const { header, records } = readPcap(LAB_CAPTURE)
  const fd = openSync(out, 'w')
  const chunk = new Uint8Array(8 * 1024 * 1024)
  const dv = new DataView(chunk.buffer)
  let used = 0
  let written = 0
  let packets = 0
  let copies = 0
  const flush = () => {
    writeSync(fd, chunk, 0, used)
    written += used
    used = 0
  }
  chunk.set(header, 0)
  used = header.length
  const start = records[0]?.sec ?? 0
  while (written + used < bytes) {
    for (const r of records) {
      if (used + 16 + r.data.length > chunk.length) flush()
      dv.setUint32(used, start + copies * 20 + (r.sec - start), true)
      dv.setUint32(used + 4, r.usec, true)
      dv.setUint32(used + 8, r.data.length, true)
      dv.setUint32(used + 12, r.orig, true)
      const frame = chunk.subarray(used + 16, used + 16 + r.data.length)
      frame.set(r.data)
      rewrite(frame, copies)
      used += 16 + r.data.length
      packets++
    }
    copies++
  }
  flush()
  closeSync(fd)
  return { packets, bytes: written, copies }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, size] = process.argv.slice(2)
  if (!out || !size) throw new Error('usage: capture-gen.ts OUT.pcap BYTES')
  console.log(JSON.stringify(generateCapture(out, Number(size))))
}
