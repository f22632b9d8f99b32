import { connect, type Server } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildAck, createHl7Responder, frame, parseMsh, takeFrames } from './hl7-mllp.js'

const OPTS = {
  sendingApplication: 'VITALLINK',
  sendingFacility: 'MAMORI_TRAINING_HOSP',
  now: () => new Date('2026-01-02T03:04:05Z'),
}
const ADT = 'MSH|^~\\&|SCANNER|LAB|VITALLINK|HOSP|20260101000000||ADT^A01^ADT_A01|MSG00001|P|2.5.1\rPID|1||12345\r'

describe('HL7 MLLP responder: parsing and ACKs', () => {
  it('reads the MSH fields the ACK echoes', () => {
    expect(parseMsh(ADT)).toMatchObject({
      fieldSeparator: '|',
      encodingCharacters: '^~\\&',
      sendingApplication: 'SCANNER',
      sendingFacility: 'LAB',
      messageType: 'ADT^A01^ADT_A01',
      controlId: 'MSG00001',
      version: '2.5.1',
    })
    expect(parseMsh('PID|1')).toBeNull()
    expect(parseMsh('MSH')).toBeNull()
    expect(parseMsh('MSHA|x')).toBeNull()
  })

  it('accepts a message with AA, names itself in MSH-3/MSH-4 and answers the sender', () => {
    const ack = buildAck(ADT, OPTS, 7)
    const [msh, msa] = ack.split('\r')
    expect(msh).toBe('MSH|^~\\&|VITALLINK|MAMORI_TRAINING_HOSP|SCANNER|LAB|20260102030405||ACK^A01^ACK|ACK7|P|2.5.1')
    expect(msa).toBe('MSA|AA|MSG00001')
  })

  it('rejects a frame that is not HL7 with AR, still naming itself', () => {
    const ack = buildAck('GET / HTTP/1.0', OPTS, 1)
    expect(ack).toMatch(/^MSH\|\^~\\&\|VITALLINK\|MAMORI_TRAINING_HOSP\|/)
    expect(ack).toContain('\rMSA|AR|')
  })

  it('splits MLLP frames and keeps an unfinished one', () => {
    const two = Buffer.concat([Buffer.from('noise'), frame('A'), frame('B'), Buffer.from([0x0b, 0x43])])
    const { frames, rest } = takeFrames(two)
    expect(frames.map((f) => f.toString())).toEqual(['A', 'B'])
    expect(rest.toString()).toBe('\x0bC')
  })

  it('never throws and never breaks its own ACK structure, whatever the input (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 }), (text, bytes) => {
        for (const input of [text, `MSH${text}`, `MSH|${text}`, Buffer.from(bytes).toString('latin1')]) {
          parseMsh(input)
          const ack = buildAck(input, OPTS, 1)
          const segments = ack.split('\r')
          expect(segments).toHaveLength(3)
          expect(segments[0]?.split('|')).toHaveLength(12)
          expect(segments[0]?.split('|')[2]).toBe('VITALLINK')
          expect(segments[1]?.startsWith('MSA|A')).toBe(true)
        }
        takeFrames(Buffer.from(bytes))
      }),
      { numRuns: 300 },
    )
  })
})

describe('HL7 MLLP responder on loopback', () => {
  let server: Server
  let port = 0
  beforeAll(async () => {
    server = createHl7Responder({ ...OPTS, maxFrameBytes: 1024 })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const addr = server.address()
    port = typeof addr === 'object' && addr ? addr.port : 0
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  const exchange = (payload: Buffer, waitMs = 300) =>
    new Promise<{ data: Buffer; closed: boolean }>((resolve, reject) => {
      const chunks: Buffer[] = []
      let closed = false
      const s = connect(port, '127.0.0.1', () => s.write(payload))
      s.on('data', (c: Buffer) => chunks.push(c))
      s.on('close', () => {
        closed = true
      })
      s.on('error', reject)
      setTimeout(() => {
        s.destroy()
        resolve({ data: Buffer.concat(chunks), closed })
      }, waitMs)
    })

  it('answers each framed message with a framed ACK, two frames in one write', async () => {
    const { data } = await exchange(Buffer.concat([frame(ADT), frame(ADT.replace('MSG00001', 'MSG2'))]))
    const { frames } = takeFrames(data)
    expect(frames).toHaveLength(2)
    expect(frames[0]?.toString()).toContain('MSA|AA|MSG00001')
    expect(frames[1]?.toString()).toContain('MSA|AA|MSG2')
  })

  it('disconnects a peer that sends an endless frame', async () => {
    const { data, closed } = await exchange(Buffer.concat([Buffer.from([0x0b]), Buffer.alloc(4096, 0x41)]))
    expect(data.length).toBe(0)
    expect(closed).toBe(true)
  })
})
