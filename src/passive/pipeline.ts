/**
 * The passive pipeline: reader → decoder → (TCP) reassembly → dissectors → analyzer, synchronous over pushed
 * chunks. A TCP flow is offered, on its first data in each direction (whichever side speaks first), to the stream
 * dissectors in registry order and belongs to the first whose `detect` says yes; a flow no dissector wants is only
 * counted. UDP datagrams and non-IP frames go to their dissectors one by one. A dissector that throws is reported
 * as a `dissector-error` (packet number, protocol) and its flow is only counted from then on. Memory: one state per
 * open TCP flow (the reassembler closes idle ones), one short copy of a client's first bytes while no dissector
 * has been chosen.
 */
import { type AnalyzerOptions, type AnalyzerResult, createAnalyzer } from './analyze/index.js'
import type {
  CaptureFileInfo,
  CaptureProblem,
  DatagramDissector,
  DecodedPacket,
  Direction,
  Emit,
  FlowKey,
  FrameDissector,
  PacketRef,
  PassiveEvent,
  PassiveProtocol,
  PassiveResult,
  ReassemblyLimits,
  StreamDissector,
  StreamParser,
  StreamSink,
} from './contract.js'
import { IPPROTO } from './contract.js'
import { createPacketDecoder } from './decode/index.js'
import { createTcpReassembler, DEFAULT_REASSEMBLY_LIMITS } from './decode/tcp-reassembly.js'
import { DATAGRAM_DISSECTORS, FRAME_DISSECTORS, STREAM_DISSECTORS } from './dissectors/index.js'
import { createCaptureReader, decompressed } from './readers/index.js'

export interface PassivePipelineOptions {
  limits?: Partial<ReassemblyLimits>
  analyzer?: Partial<AnalyzerOptions>
  /** Called after each packet record with its number (progress; keep it cheap). */
  onPacket?(n: number): void
}

/** The stages the pipeline joins; tests replace some (the defaults are the real ones). */
export interface PipelineParts {
  createCaptureReader: typeof createCaptureReader
  createPacketDecoder: typeof createPacketDecoder
  createTcpReassembler: typeof createTcpReassembler
  streamDissectors: readonly StreamDissector[]
  datagramDissectors: readonly DatagramDissector[]
  frameDissectors: readonly FrameDissector[]
}

const REAL_PARTS: PipelineParts = {
  createCaptureReader,
  createPacketDecoder,
  createTcpReassembler,
  streamDissectors: STREAM_DISSECTORS,
  datagramDissectors: DATAGRAM_DISSECTORS,
  frameDissectors: FRAME_DISSECTORS,
}

export interface PassivePipeline {
  push(chunk: Uint8Array): void
  end(): AnalyzerResult
  readonly info: CaptureFileInfo
  /** What is held now: TCP flows being dissected, hosts, conversations, remembered flow roles (for tests of caps). */
  readonly size: { flows: number; hosts: number; conversations: number; flowRoles: number }
  /** A problem found outside the pipeline's own stages (a damaged gzip stream around it). */
  problem(p: CaptureProblem): void
}

/** Bytes of a direction offered to `detect` (the contract promises at most 64). */
const DETECT_BYTES = 64
/** Bytes kept from before a dissector is chosen, replayed to it (e.g. a client's request when only the reply tells). */
const REPLAY_BYTES = 2048
/**
 * A direction is given up only once this many bytes were offered without a match: a first segment may hold a
 * single byte (an MLLP start block written alone, a split PDU header).
 */
const MIN_DETECT_BYTES = 16

interface FlowState {
  /** The reassembler's own key object (for {@link byKey}); `flow` is our copy handed to the dissector. */
  key: FlowKey
  flow: FlowKey
  mac: { client: string | null; server: string | null }
  parser: StreamParser | null
  protocol: PassiveProtocol | null
  /** Directions already offered to the dissectors (with enough bytes) without a match. */
  triedClient: boolean
  triedServer: boolean
  /** Nothing more to dissect (no dissector, 'done', or an error): only counted. */
  done: boolean
  /** Bytes heard before a dissector was chosen, in arrival order (copies, at most REPLAY_BYTES in all). */
  early: { dir: Direction; bytes: Uint8Array; at: PacketRef; gap: boolean }[]
  earlyBytes: number
  /** Early bytes of a direction were dropped beyond REPLAY_BYTES: its next bytes are handed on as after a gap. */
  gapNext: Record<Direction, boolean>
}

function flowId(f: FlowKey): string {
  return `${f.client}|${f.clientPort}|${f.server}|${f.serverPort}`
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200)
}

/**
 * Creates a pipeline; push the capture's bytes in chunks of any size, then `end()` for the result.
 *
 * @example
 * ```ts
 * const p = createPassivePipeline()
 * for (const chunk of chunks) p.push(chunk)
 * const result = p.end()
 * ```
 */
export function createPassivePipeline(
  opts: PassivePipelineOptions = {},
  parts: Partial<PipelineParts> = {},
): PassivePipeline {
  const P: PipelineParts = { ...REAL_PARTS, ...parts }
  const analyzer = createAnalyzer(opts.analyzer)
  const limits: ReassemblyLimits = { ...DEFAULT_REASSEMBLY_LIMITS, ...opts.limits }
  const flows = new Map<string, FlowState>()
  /** The same states by the reassembler's key object (a lookup without a string); entries leave with `close`. */
  const byKey = new Map<FlowKey, FlowState>()
  /** The packet being handled now (the reassembler calls the sink inside `packet`). */
  let current: DecodedPacket | null = null
  let currentOffset = 0

  const onProblem = (p: CaptureProblem): void => analyzer.problem(p)
  const emit: Emit = (e: PassiveEvent) => analyzer.event(e)

  const dissectorError = (protocol: string, packet: number | null, error: unknown): void =>
    analyzer.problem({
      code: 'dissector-error',
      offset: currentOffset,
      packet,
      detail: `${protocol}: ${messageOf(error)}`,
      severity: 'skipped',
    })

  function finish(state: FlowState): void {
    const parser = state.parser
    state.parser = null
    state.done = true
    state.early = []
    if (!parser) return
    try {
      parser.end()
    } catch (error) {
      dissectorError(state.protocol ?? 'stream', null, error)
    }
  }

  function feed(state: FlowState, dir: Direction, bytes: Uint8Array, at: PacketRef, gap: boolean): void {
    const parser = state.parser
    if (!parser) return
    try {
      if (parser.data(dir, bytes, at, gap) === 'done') finish(state)
    } catch (error) {
      dissectorError(state.protocol ?? 'stream', at.packet, error)
      state.parser = null
      finish(state)
    }
  }

  /** Offers a direction's first bytes to the stream dissectors; true when one took the flow. */
  function choose(state: FlowState, dir: Direction, bytes: Uint8Array, at: PacketRef): boolean {
    const first = bytes.length > DETECT_BYTES ? bytes.subarray(0, DETECT_BYTES) : bytes
    for (const d of P.streamDissectors) {
      let yes = false
      try {
        yes = d.detect(first, dir, state.flow)
      } catch (error) {
        dissectorError(d.protocol, at.packet, error)
        continue
      }
      if (!yes) continue
      try {
        state.parser = d.open(state.flow, emit, state.mac)
      } catch (error) {
        dissectorError(d.protocol, at.packet, error)
        state.done = true
        return false
      }
      state.protocol = d.protocol
      analyzer.flowProtocol(state.flow, d.protocol)
      return true
    }
    return false
  }

  /** The first bytes of a direction so far (earlier short chunks and this one), at most DETECT_BYTES. */
  function firstBytes(state: FlowState, dir: Direction, bytes: Uint8Array): Uint8Array {
    let have = 0
    for (const e of state.early) if (e.dir === dir) have += e.bytes.length
    if (have === 0) return bytes.length > DETECT_BYTES ? bytes.subarray(0, DETECT_BYTES) : bytes
    const out = new Uint8Array(Math.min(DETECT_BYTES, have + bytes.length))
    let n = 0
    for (const e of state.early) {
      if (e.dir !== dir || n >= out.length) continue
      const part = e.bytes.subarray(0, out.length - n)
      out.set(part, n)
      n += part.length
    }
    if (n < out.length) out.set(bytes.subarray(0, out.length - n), n)
    return out
  }

  /** True once for a direction whose early bytes were partly dropped: its next bytes follow a gap. */
  function afterLoss(state: FlowState, dir: Direction): boolean {
    if (!state.gapNext[dir]) return false
    state.gapNext[dir] = false
    return true
  }

  /** Keeps a copy of bytes heard before a dissector is chosen, up to REPLAY_BYTES in all. */
  function keepEarly(state: FlowState, dir: Direction, bytes: Uint8Array, at: PacketRef, gap: boolean): void {
    const room = REPLAY_BYTES - state.earlyBytes
    if (room <= 0) {
      state.gapNext[dir] = true
      return
    }
    const copy = bytes.slice(0, room)
    if (copy.length < bytes.length) state.gapNext[dir] = true
    state.early.push({ dir, bytes: copy, at: { packet: at.packet, timeUs: at.timeUs }, gap })
    state.earlyBytes += copy.length
  }

  const sink: StreamSink = {
    open(flow) {
      if (flows.size >= limits.maxFlows * 2) return false // the reassembler should never let this happen
      const p = current
      const srcIsClient = p !== null && p.src === flow.client && p.srcPort === flow.clientPort
      const mac = p
        ? { client: srcIsClient ? p.srcMac : p.dstMac, server: srcIsClient ? p.dstMac : p.srcMac }
        : { client: null, server: null }
      const id = flowId(flow)
      const previous = flows.get(id)
      if (previous) byKey.delete(previous.key)
      const state: FlowState = {
        key: flow,
        flow: { ...flow },
        mac,
        parser: null,
        protocol: null,
        triedClient: false,
        triedServer: false,
        done: false,
        early: [],
        earlyBytes: 0,
        gapNext: { client: false, server: false },
      }
      flows.set(id, state)
      byKey.set(flow, state)
      return true
    },
    data(flow, dir, bytes, at, gap) {
      // The reassembler hands the same key object each time: found without building the id string.
      const state = byKey.get(flow) ?? flows.get(flowId(flow))
      if (!state || state.done || bytes.length === 0) return
      if (state.parser) return feed(state, dir, bytes, at, gap || afterLoss(state, dir))
      const tried = dir === 'client' ? state.triedClient : state.triedServer
      if (!tried) {
        const first = firstBytes(state, dir, bytes)
        if (choose(state, dir, first, at)) {
          // Replay what came before, in order, then this chunk.
          const early = state.early
          state.early = []
          state.earlyBytes = 0
          for (const e of early) if (!state.done) feed(state, e.dir, e.bytes, e.at, e.gap)
          if (!state.done) feed(state, dir, bytes, at, gap || afterLoss(state, dir))
          return
        }
        if (state.done) return
        if (first.length >= MIN_DETECT_BYTES) {
          if (dir === 'client') state.triedClient = true
          else state.triedServer = true
          if (state.triedClient && state.triedServer) {
            state.done = true
            state.early = []
            return
          }
        }
      }
      keepEarly(state, dir, bytes, at, gap)
    },
    close(flow) {
      const id = flowId(flow)
      const state = flows.get(id)
      byKey.delete(flow)
      if (!state) return
      byKey.delete(state.key)
      flows.delete(id)
      finish(state)
    },
  }

  const decoder = P.createPacketDecoder(onProblem)
  const reassembler = P.createTcpReassembler(sink, onProblem, limits)

  function handle(p: DecodedPacket): void {
    analyzer.packet(p)
    if (p.ipVersion === null) {
      for (const d of P.frameDissectors) {
        try {
          if (!d.detect(p)) continue
          d.parse(p, emit)
        } catch (error) {
          dissectorError(d.protocol, p.number, error)
        }
        break
      }
      return
    }
    if (p.protocol === IPPROTO.TCP) {
      current = p
      reassembler.packet(p)
      current = null
      return
    }
    if (p.protocol === IPPROTO.UDP && p.payload.length > 0) {
      for (const d of P.datagramDissectors) {
        try {
          if (!d.detect(p.payload, p)) continue
          d.parse(p.payload, p, emit)
        } catch (error) {
          dissectorError(d.protocol, p.number, error)
        }
        break
      }
    }
  }

  const reader = P.createCaptureReader({
    onPacket(packet) {
      currentOffset = packet.offset
      let decoded: DecodedPacket | null = null
      try {
        decoded = decoder.decode(packet)
      } catch (error) {
        analyzer.problem({
          code: 'malformed-packet',
          offset: packet.offset,
          packet: packet.number,
          detail: messageOf(error),
          severity: 'skipped',
        })
      }
      if (decoded) handle(decoded)
      opts.onPacket?.(packet.number)
    },
    onProblem,
  })

  let ended = false
  return {
    get info() {
      return reader.info
    },
    get size() {
      return { flows: flows.size, ...analyzer.size }
    },
    push(chunk) {
      if (!ended) reader.push(chunk)
    },
    problem: onProblem,
    end() {
      if (!ended) {
        ended = true
        reader.end()
        reassembler.flush()
        for (const state of flows.values()) finish(state)
        flows.clear()
        byKey.clear()
      }
      const result = analyzer.result(reader.info)
      // The decoder counts reassembled datagrams when it says so (not part of the contract's PacketDecoder yet).
      const reassembled = (decoder as { fragmentsReassembled?: unknown }).fragmentsReassembled
      if (typeof reassembled === 'number') result.stats.fragmentsReassembled = reassembled
      return result
    },
  }
}

export interface AnalyzeCaptureOptions extends PassivePipelineOptions {
  signal?: AbortSignal
  /** After each chunk: bytes read from the source so far (compressed, for a gzip file) and packets seen. */
  onProgress?(progress: { bytes: number; packets: number }): void
  /** Most bytes a gzip-compressed capture may inflate to (a gzip bomb); unlimited when absent. */
  maxDecompressedBytes?: number
}

/**
 * Reads a whole capture (a file stream, `tcpdump -w -`'s stdout, any async iterable of bytes) through the
 * pipeline; gzip is recognised by its magic number and inflated as a stream. Stops with the signal's reason when
 * aborted. A damaged or oversized gzip stream ends the reading with a fatal `gzip-corrupt` problem; what was read
 * before it is kept.
 *
 * @example
 * ```ts
 * const result = await analyzeCapture(createReadStream(path), { onProgress: ({ bytes }) => bar.update(bytes) })
 * ```
 */
export async function analyzeCapture(
  source: AsyncIterable<Uint8Array>,
  opts: AnalyzeCaptureOptions = {},
  parts: Partial<PipelineParts> = {},
): Promise<PassiveResult> {
  const pipeline = createPassivePipeline(opts, parts)
  let bytes = 0
  opts.signal?.throwIfAborted()
  const chunks = decompressed(source, {
    maxBytes: opts.maxDecompressedBytes,
    onGzip: () => {
      pipeline.info.gzip = true
    },
    onCompressed: (n) => {
      bytes = n
    },
  })
  try {
    for await (const chunk of chunks) {
      opts.signal?.throwIfAborted()
      pipeline.push(chunk)
      opts.onProgress?.({ bytes, packets: pipeline.info.packets })
    }
  } catch (error) {
    if (opts.signal?.aborted || !pipeline.info.gzip) throw error
    pipeline.problem({
      code: 'gzip-corrupt',
      offset: pipeline.info.bytes,
      packet: null,
      detail: (error instanceof Error ? error.message : String(error)).slice(0, 200),
      severity: 'fatal',
    })
  }
  opts.signal?.throwIfAborted()
  return pipeline.end()
}
