/**
 * Runs passive analysis over one capture file in its own process (so its peak RSS is its own) and prints what it
 * found and what it cost: `node --import tsx bench/support/capture-worker.ts FILE`.
 */
import { createReadStream, statSync } from 'node:fs'
import { analyzeCapture } from '../../src/passive/pipeline.js'

const file = process.argv[2]
if (!file) throw new Error('usage: capture-worker.ts FILE')
const t0 = performance.now()
const cpu0 = process.cpuUsage()
const result = await analyzeCapture(createReadStream(file, { highWaterMark: 1024 * 1024 }), {})
const elapsedMs = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
console.log(
  JSON.stringify({
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    fileBytes: statSync(file).size,
    maxRssKiB: process.resourceUsage().maxRSS,
    packets: result.stats.packets,
    hosts: result.hosts.length,
    conversations: result.conversations.length,
    events: result.stats.events,
    problems: result.stats.problems,
  }),
)
