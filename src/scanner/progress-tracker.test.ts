import { describe, expect, it } from 'vitest'
import { type EngineProgress, ProgressTracker } from './progress-tracker.js'

describe('ProgressTracker', () => {
  it('throttles unforced events, always emits forced ones, and survives a throwing listener', () => {
    const events: EngineProgress[] = []
    const t = new ProgressTracker({
      hostsTotal: 3,
      t0: performance.now(),
      listener: (e) => events.push(e),
      connectionsStarted: () => 7,
    })
    t.emit()
    t.emit()
    t.emit(true)
    expect(events).toHaveLength(2)
    expect(events[1]).toMatchObject({ hostsTotal: 3, connectionsStarted: 7, phase: 'discovery' })
    const throwing = new ProgressTracker({
      hostsTotal: 1,
      t0: 0,
      listener: () => {
        throw new Error('x')
      },
      connectionsStarted: () => 0,
    })
    expect(() => throwing.emit(true)).not.toThrow()
  })

  it('counts ports, opens separately, and emits a copy (not the live object)', () => {
    const events: EngineProgress[] = []
    const t = new ProgressTracker({
      hostsTotal: 1,
      t0: 0,
      listener: (e) => events.push(e),
      connectionsStarted: () => 0,
    })
    t.port('open')
    t.port('closed')
    t.port('filtered')
    t.emit(true)
    expect(events.at(-1)).toMatchObject({ portsScanned: 3, openPorts: 1 })
    t.state.hostsDone = 1
    expect(events.at(-1)?.hostsDone).toBe(0)
  })
})
