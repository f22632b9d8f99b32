/**
 * Live capture from a mirror port (ADR 0044): `tcpdump -w -` read from a pipe (no native capture binding), parsed by
 * one reader; its packets go to the current period's pipeline, and every `rotateMs` the period's result is handed on
 * and a fresh pipeline starts (so one pcap stream becomes one record per period, and memory never grows with
 * time). Only what the dissectors learn is kept; no packet is written anywhere.
 */
import { spawn } from 'node:child_process'
import type { CaptureFileInfo, CaptureReaderHandlers, PassiveResult } from './contract.js'
import { createPassivePipeline, type PassivePipeline } from './pipeline.js'
import { createCaptureReader } from './readers/index.js'

export interface LiveOptions {
  iface: string
  /** tcpdump's filter expression (BPF), as words. */
  filter?: string[]
  durationMs?: number
  rotateMs: number
  summaryMs: number
  signal?: AbortSignal
  /** The tcpdump binary (tests may point elsewhere). */
  tcpdump?: string
  onPeriod(result: PassiveResult, period: number): Promise<void>
  onSummary(s: { packets: number; bytes: number; hosts: number; period: number }): void
}

/** Parses `30s`, `10m`, `2h`, or plain seconds; null when unreadable. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim())
  if (!m) return null
  const n = Number(m[1])
  const unit = m[2] ?? 's'
  const ms = unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000
  return ms > 0 ? ms : null
}

/** Runs until the duration passes, the signal aborts or tcpdump ends; stores the last period; returns periods. */
export async function runLiveCapture(o: LiveOptions): Promise<{ periods: number; packets: number; stderr: string }> {
  const args = ['-i', o.iface, '-w', '-', '-U', '-n', '-s', '65535', ...(o.filter ?? [])]
  const child = spawn(o.tcpdump ?? 'tcpdump', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000)
  })
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve))

  // One pcap stream, many periods: the reader is shared; each period's pipeline gets the packets.
  let handlers: CaptureReaderHandlers | null = null
  let periodInfo: CaptureFileInfo | null = null
  const periodReader = (h: CaptureReaderHandlers) => {
    handlers = h
    periodInfo = { format: null, gzip: false, linkTypes: [], interfaces: [], bytes: 0, packets: 0 }
    return { info: periodInfo, push() {}, end() {} }
  }
  const reader = createCaptureReader({
    onPacket(p) {
      if (!periodInfo || !handlers) return
      periodInfo.packets++
      periodInfo.bytes += p.capturedLength + 16
      periodInfo.format = reader.info.format
      periodInfo.linkTypes = reader.info.linkTypes
      handlers.onPacket({ ...p, number: periodInfo.packets })
    },
    onProblem: (p) => handlers?.onProblem(p),
  })
  let pipeline: PassivePipeline = createPassivePipeline({}, { createCaptureReader: periodReader })
  let period = 1
  let total = 0
  let rotating: Promise<void> = Promise.resolve()
  const rotate = () => {
    const done = pipeline
    const n = period
    pipeline = createPassivePipeline({}, { createCaptureReader: periodReader })
    period++
    rotating = rotating.then(() => o.onPeriod(done.end(), n))
  }
  const rotateTimer = setInterval(rotate, o.rotateMs)
  const summaryTimer = setInterval(
    () =>
      o.onSummary({
        packets: periodInfo?.packets ?? 0,
        bytes: periodInfo?.bytes ?? 0,
        hosts: pipeline.size.hosts,
        period,
      }),
    o.summaryMs,
  )
  const stop = () => child.kill('SIGINT')
  const durationTimer = o.durationMs ? setTimeout(stop, o.durationMs) : null
  o.signal?.addEventListener('abort', stop, { once: true })
  try {
    const read = (async () => {
      for await (const chunk of child.stdout) {
        reader.push(chunk as Buffer)
        total = reader.info.packets
      }
    })()
    const outcome = await Promise.race([read.then(() => null), spawnError])
    if (outcome instanceof Error) throw outcome
    reader.end()
  } finally {
    clearInterval(rotateTimer)
    clearInterval(summaryTimer)
    if (durationTimer) clearTimeout(durationTimer)
    o.signal?.removeEventListener('abort', stop)
  }
  const last = pipeline
  await rotating
  if ((periodInfo as CaptureFileInfo | null)?.packets || period === 1) await o.onPeriod(last.end(), period)
  return { periods: period, packets: total, stderr }
}
