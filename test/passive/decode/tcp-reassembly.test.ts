/**
 * TCP reassembly through the real decoder: in order, out of order, retransmission, overlap with different bytes
 * (first copy kept, problem reported), a lost segment (gap), sequence wrap-around, a mid-stream start, RST, FIN from
 * both sides, idle timeout, a full flow table, maxStreamBytes, and a sink that declines a flow.
 */
import { describe, expect, it } from 'vitest'
import type { CaptureProblem, FlowKey, ReassemblyLimits, StreamSink } from '../../../src/passive/contract.js'
import { createPacketDecoder } from '../../../src/passive/decode/index.js'
import { createTcpReassembler } from '../../../src/passive/decode/tcp-reassembly.js'
import { capturedPacket, ethTcp4, type TcpOptions, text } from '../frames.js'

const C = { ip: '10.0.0.20', port: 50000 }
const S = { ip: '10.0.0.5', port: 104 }
const T0 = 1_780_000_000_000_000

interface Seen {
  opened: FlowKey[]
  data: { dir: string; text: string; gap: boolean; packet: number }[]
  closed: { flow: FlowKey; packet: number }[]
}

function setup(limits: Partial<ReassemblyLimits> = {}, want: (f: FlowKey) => boolean = () => true) {
  const problems: CaptureProblem[] = []
  const seen: Seen = { opened: [], data: [], closed: [] }
  const sink: StreamSink = {
    open(flow) {
      seen.opened.push({ ...flow })
      return want(flow)
    },
    data(_flow, dir, bytes, at, gap) {
      seen.data.push({ dir, text: new TextDecoder().decode(bytes), gap, packet: at.packet })
    },
    close(flow, at) {
      seen.closed.push({ flow: { ...flow }, packet: at.packet })
    },
  }
  const decoder = createPacketDecoder((p) => problems.push(p))
  const r = createTcpReassembler(sink, (p) => problems.push(p), limits)
  let n = 0
  let now = T0
  /** A segment from the client (`c`) or the server (`s`); `dt` advances capture time in µs. */
  const send = (
    from: 'c' | 's',
    o: Omit<TcpOptions, 'srcPort' | 'dstPort' | 'payload'> & { payload?: Uint8Array | string; dt?: number },
    ends: { c?: typeof C; s?: typeof S } = {},
  ) => {
    const a = from === 'c' ? (ends.c ?? C) : (ends.s ?? S)
    const b = from === 'c' ? (ends.s ?? S) : (ends.c ?? C)
    now += o.dt ?? 1000
    const payload = typeof o.payload === 'string' ? text(o.payload) : o.payload
    const frame = ethTcp4({ src: a.ip, dst: b.ip, srcPort: a.port, dstPort: b.port, ...o, payload })
    const d = decoder.decode(capturedPacket(frame, { number: ++n, timeUs: now }))
    if (!d) throw new Error('not decoded')
    r.packet(d)
  }
  const joined = (dir: string) =>
    seen.data
      .filter((x) => x.dir === dir)
      .map((x) => (x.gap ? `|${x.text}` : x.text))
      .join('')
  return { r, send, seen, problems, joined }
}

/** Handshake with client ISN 1000 and server ISN 5000 (data starts at 1001 / 5001). */
function handshake(t: ReturnType<typeof setup>, cIsn = 1000, sIsn = 5000) {
  t.send('c', { seq: cIsn, flags: ['SYN'] })
  t.send('s', { seq: sIsn, ack: cIsn + 1, flags: ['SYN', 'ACK'] })
  t.send('c', { seq: cIsn + 1, ack: sIsn + 1, flags: ['ACK'] })
}

describe('TCP reassembly', () => {
  it('delivers both directions in order; the SYN sender is the client; FIN from both closes', () => {
    const t = setup()
    handshake(t)
    t.send('c', { seq: 1001, payload: 'HELLO ' })
    t.send('c', { seq: 1007, payload: 'WORLD' })
    t.send('s', { seq: 5001, payload: 'OK' })
    t.send('c', { seq: 1012, flags: ['FIN', 'ACK'] })
    expect(t.seen.closed).toHaveLength(0)
    t.send('s', { seq: 5003, flags: ['FIN', 'ACK'] })
    expect(t.seen.opened).toEqual([
      { transport: 'tcp', client: C.ip, clientPort: C.port, server: S.ip, serverPort: S.port },
    ])
    expect(t.joined('client')).toBe('HELLO WORLD')
    expect(t.joined('server')).toBe('OK')
    expect(t.seen.closed).toHaveLength(1)
    expect(t.r.openFlows).toBe(0)
    expect(t.problems).toEqual([])
  })

  it('the client is the SYN sender even when its port is the lower one', () => {
    const t = setup()
    const c = { ip: '10.0.0.9', port: 104 }
    const s = { ip: '10.0.0.1', port: 40000 }
    t.send('c', { seq: 1, flags: ['SYN'] }, { c, s })
    expect(t.seen.opened[0]).toMatchObject({
      client: '10.0.0.9',
      clientPort: 104,
      server: '10.0.0.1',
      serverPort: 40000,
    })
  })

  it('holds out-of-order segments and delivers them when the hole fills', () => {
    const t = setup()
    handshake(t)
    t.send('c', { seq: 1011, payload: 'KLMNO' })
    t.send('c', { seq: 1006, payload: 'FGHIJ' })
    expect(t.joined('client')).toBe('')
    expect(t.r.pendingBytes).toBe(10)
    t.send('c', { seq: 1001, payload: 'ABCDE' })
    expect(t.joined('client')).toBe('ABCDEFGHIJKLMNO')
    expect(t.r.pendingBytes).toBe(0)
    expect(t.seen.data.every((d) => !d.gap)).toBe(true)
  })

  it('drops retransmissions and trims partial overlaps', () => {
    const t = setup()
    handshake(t)
    t.send('c', { seq: 1001, payload: 'ABCDE' })
    t.send('c', { seq: 1001, payload: 'ABCDE' })
    t.send('c', { seq: 1004, payload: 'DEFGH' })
    t.send('c', { seq: 1001, payload: 'ABCDEFGHIJ' })
    expect(t.joined('client')).toBe('ABCDEFGHIJ')
    expect(t.problems).toEqual([])
  })

  it('overlapping bytes that differ: the first copy stands and tcp-overlap-conflict names the packet', () => {
    const t = setup()
    handshake(t)
    t.send('c', { seq: 1001, payload: 'ABCDE' }) // packet 4
    t.send('c', { seq: 1003, payload: 'xyZZZ' }) // packet 5: 'CDE' rewritten as 'xyZ', then 'ZZ' new
    expect(t.joined('client')).toBe('ABCDEZZ')
    expect(t.problems.map((p) => [p.code, p.packet])).toEqual([['tcp-overlap-conflict', 5]])
    // Held out-of-order copies that disagree are caught when they are drained as well.
    t.send('c', { seq: 1010, payload: 'QQ' })
    t.send('c', { seq: 1008, payload: 'ab' })
    t.send('c', { seq: 1010, payload: 'RR' })
    expect(t.joined('client')).toBe('ABCDEZZabQQ')
  })

  it('a lost segment: with FIN from both the held data is delivered after a gap', () => {
    const t = setup()
    handshake(t)
    t.send('c', { seq: 1001, payload: 'ABCDE' })
    t.send('c', { seq: 1011, payload: 'KLMNO' }) // 1006..1010 never arrives
    t.send('c', { seq: 1016, flags: ['FIN', 'ACK'] })
    t.send('s', { seq: 5001, flags: ['FIN', 'ACK'] })
    expect(t.joined('client')).toBe('ABCDE|KLMNO')
    expect(t.seen.data.find((d) => d.text === 'KLMNO')?.gap).toBe(true)
  })

  it('a hole that cannot fill within maxPendingBytes is skipped and the data goes on', () => {
    const t = setup({ maxPendingBytes: 8 })
    handshake(t)
    t.send('c', { seq: 1001, payload: 'AB' })
    t.send('c', { seq: 1010, payload: 'JKLM' })
    expect(t.joined('client')).toBe('AB')
    t.send('c', { seq: 1014, payload: 'NOPQR' }) // 9 bytes pending > 8
    expect(t.joined('client')).toBe('AB|JKLMNOPQR')
    expect(t.r.pendingBytes).toBe(0)
    t.send('c', { seq: 1019, payload: 'S' })
    expect(t.joined('client')).toBe('AB|JKLMNOPQRS')
  })

  it('wraps around 2^32', () => {
    const t = setup()
    const isn = 0xfffffffa
    handshake(t, isn)
    t.send('c', { seq: 0xfffffffb, payload: 'ABCDE' }) // ends at 0x100000000 → 0
    t.send('c', { seq: 3, payload: 'IJK' }) // out of order across the wrap
    t.send('c', { seq: 0, payload: 'FGH' }) // fills 0..2 after the wrap
    t.send('c', { seq: 0xfffffffb, payload: 'ABCDE' }) // retransmission from before the wrap
    expect(t.joined('client')).toBe('ABCDEFGHIJK')
    expect(t.problems).toEqual([])
  })

  it('a mid-stream start (no SYN) begins at the first sequence seen; a well-known port is the server', () => {
    const t = setup()
    t.send('s', { seq: 777_000, payload: 'RESPONSE' })
    t.send('c', { seq: 123_456, payload: 'MORE' })
    t.send('s', { seq: 777_008, payload: '!' })
    expect(t.seen.opened[0]).toMatchObject({ client: C.ip, server: S.ip, serverPort: 104 })
    expect(t.joined('server')).toBe('RESPONSE!')
    expect(t.joined('client')).toBe('MORE')
  })

  it('mid-stream between two high ports: the first packet’s sender is the client', () => {
    const t = setup()
    const c = { ip: '10.0.0.30', port: 50001 }
    const s = { ip: '10.0.0.31', port: 11112 }
    t.send('s', { seq: 1, payload: 'x' }, { c, s })
    expect(t.seen.opened[0]).toMatchObject({ client: '10.0.0.31', clientPort: 11112 })
  })

  it('RST closes at once; a lone RST opens nothing', () => {
    const t = setup()
    t.send('c', { seq: 9, flags: ['RST'] })
    expect(t.seen.opened).toHaveLength(0)
    handshake(t)
    t.send('c', { seq: 1001, payload: 'A' })
    t.send('s', { seq: 5001, flags: ['RST', 'ACK'] })
    expect(t.seen.closed.map((c) => c.packet)).toEqual([6])
    expect(t.r.openFlows).toBe(0)
  })

  it('closes idle flows by capture time', () => {
    const t = setup({ idleUs: 10_000_000 })
    handshake(t)
    t.send('c', { seq: 1001, payload: 'A' })
    // Another flow's packets, 20 s later, enough of them for the periodic sweep.
    const other = { ip: '10.0.0.99', port: 40001 }
    t.send('c', { seq: 1, flags: ['SYN'], dt: 20_000_000 }, { c: other })
    for (let i = 0; i < 4100; i++) t.send('c', { seq: 2, flags: ['ACK'], dt: 1 }, { c: other })
    expect(t.seen.closed.map((c) => c.flow.clientPort)).toEqual([C.port])
    expect(t.r.openFlows).toBe(1)
  })

  it('beyond maxFlows the oldest flow is closed and flow-table-full reported', () => {
    const t = setup({ maxFlows: 3 })
    for (let i = 0; i < 5; i++) t.send('c', { seq: 1, flags: ['SYN'] }, { c: { ip: C.ip, port: 50000 + i } })
    expect(t.r.openFlows).toBe(3)
    expect(t.seen.closed.map((c) => c.flow.clientPort)).toEqual([50000, 50001])
    expect(t.problems.map((p) => [p.code, p.packet])).toEqual([
      ['flow-table-full', 4],
      ['flow-table-full', 5],
    ])
  })

  it('the flow forgotten when the table is full is the least recently active, not the first opened', () => {
    const t = setup({ maxFlows: 3 })
    for (let i = 0; i < 3; i++) t.send('c', { seq: 1, flags: ['SYN'] }, { c: { ip: C.ip, port: 50000 + i } })
    t.send('c', { seq: 2, payload: 'still here' }, { c: { ip: C.ip, port: 50000 } })
    t.send('c', { seq: 1, flags: ['SYN'] }, { c: { ip: C.ip, port: 50003 } })
    expect(t.seen.closed.map((c) => c.flow.clientPort)).toEqual([50001])
  })

  it('stops delivering after maxStreamBytes per direction', () => {
    const t = setup({ maxStreamBytes: 8 })
    handshake(t)
    t.send('c', { seq: 1001, payload: 'ABCDE' })
    t.send('c', { seq: 1006, payload: 'FGHIJ' })
    t.send('c', { seq: 1011, payload: 'KLMNO' })
    t.send('s', { seq: 5001, payload: 'server' })
    expect(t.joined('client')).toBe('ABCDEFGH')
    expect(t.joined('server')).toBe('server')
  })

  it('a flow the sink declines is counted, never buffered or delivered', () => {
    const t = setup({}, () => false)
    handshake(t)
    t.send('c', { seq: 1011, payload: 'later' })
    t.send('c', { seq: 1001, payload: 'first' })
    expect(t.seen.opened).toHaveLength(1)
    expect(t.seen.data).toEqual([])
    expect(t.r.pendingBytes).toBe(0)
    expect(t.r.openFlows).toBe(1)
    t.r.flush()
    expect(t.seen.closed).toEqual([]) // close is only for flows the sink took
    expect(t.r.openFlows).toBe(0)
  })

  it('flush delivers what was held (after a gap) and closes everything', () => {
    const t = setup()
    handshake(t)
    t.send('c', { seq: 1004, payload: 'DEF' })
    t.r.flush()
    expect(t.joined('client')).toBe('|DEF')
    expect(t.seen.closed).toHaveLength(1)
    expect(t.r.openFlows).toBe(0)
    expect(t.r.pendingBytes).toBe(0)
  })
})
