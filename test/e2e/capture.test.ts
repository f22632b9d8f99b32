import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { captureDetail, captureImport, trafficMap } from '../../api/capture.js'
import { deviceListResponse } from '../../api/device.js'
import { mamori } from '../helpers/cli.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { ethTcp4, text } from '../passive/frames.js'
import { writePcap } from '../passive/pcap-writer.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server with the demo hospital. Build the web to your own directory and set
// MAMORI_TEST_WEB_DIR (test/helpers/server.ts) when several engineers build at once.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  const demo = await mamori(server.dataDir, ['demo'])
  if (demo.code !== 0) throw new Error(`mamori demo failed: ${demo.stderr}`)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** One TCP exchange (handshake, client payload, server payload) between two addresses. */
function exchange(client: string, server: string, port: number, toServer: string[], toClient: string[], t0: number) {
  const cport = 40000 + (port % 1000)
  let cs = 1000
  let ss = 9000
  const pkts = [
    { data: ethTcp4({ src: client, dst: server, srcPort: cport, dstPort: port, seq: cs, flags: ['SYN'] }), timeUs: t0 },
    {
      data: ethTcp4({
        src: server,
        dst: client,
        srcPort: port,
        dstPort: cport,
        seq: ss,
        ack: cs + 1,
        flags: ['SYN', 'ACK'],
      }),
      timeUs: t0 + 100,
    },
  ]
  cs += 1
  ss += 1
  let t = t0 + 200
  const n = Math.max(toServer.length, toClient.length)
  for (let i = 0; i < n; i++) {
    const up = toServer[i]
    if (up !== undefined) {
      t += 100
      const payload = text(up)
      pkts.push({
        data: ethTcp4({
          src: client,
          dst: server,
          srcPort: cport,
          dstPort: port,
          seq: cs,
          ack: ss,
          flags: ['PSH', 'ACK'],
          payload,
        }),
        timeUs: t,
      })
      cs += payload.length
    }
    const down = toClient[i]
    if (down !== undefined) {
      t += 100
      const payload = text(down)
      pkts.push({
        data: ethTcp4({
          src: server,
          dst: client,
          srcPort: port,
          dstPort: cport,
          seq: ss,
          ack: cs,
          flags: ['PSH', 'ACK'],
          payload,
        }),
        timeUs: t,
      })
      ss += payload.length
    }
  }
  return pkts
}

describe('passive discovery in the browser', () => {
  it('uploads a capture, shows hosts and protocols in ja and en, the map and the device peer', async () => {
    const { page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const list = await apiGet(page, server.url, '/api/devices?limit=200', deviceListResponse)
    const withIp = list.items.filter((d) => d.ipAddresses.length > 0)
    const a = withIp[0]
    const b = withIp[1]
    if (!a || !b) throw new Error('the demo ledger has fewer than two devices with an address')
    const ipA = a.ipAddresses[0] as string
    const ipB = b.ipAddresses[0] as string
    const t0 = Date.parse('2026-11-30T09:00:00Z') * 1000
    const hl7 = `\x0bMSH|^~\\&|MONITOR|ICU|HIS|HOSP|20261130090000||ORU^R01|1|P|2.5\r\x1c\r`
    const ack = `\x0bMSH|^~\\&|HIS|HOSP|MONITOR|ICU|20261130090001||ACK|1|P|2.5\rMSA|AA|1\r\x1c\r`
    const packets = [
      ...exchange(ipA, ipB, 2575, [hl7], [ack], t0),
      ...exchange(
        ipA,
        ipB,
        21,
        ['USER engineer\r\n', 'PASS secret\r\n'],
        ['220 ready\r\n', '331 password\r\n', '230 ok\r\n'],
        t0 + 10_000,
      ),
    ]
    const dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-capture-'))
    const file = join(dir, 'lab.pcap')
    writeFileSync(file, writePcap(packets))

    await page.goto(`${server.url}/discovery/captures`)
    await page.locator('input[type=file]').setInputFiles(file)
    await page.getByRole('button', { name: '取り込む' }).click()
    let id = ''
    await expect
      .poll(
        async () => {
          const r = await apiGet(page, server.url, '/api/captures', z.object({ items: z.array(captureImport) }))
          const c = r.items.find((x) => x.label === 'lab.pcap')
          id = c?.id ?? ''
          return c?.status
        },
        { timeout: 60_000 },
      )
      .toBe('completed')
    const detail = await apiGet(page, server.url, `/api/captures/${id}`, captureDetail)
    expect(detail.hostList.map((h) => h.address)).toEqual(expect.arrayContaining([ipA, ipB]))

    await page.goto(`${server.url}/discovery/captures/${id}`)
    await expect.poll(() => page.getByTestId('capture-host').count()).toBeGreaterThanOrEqual(2)
    await expect.poll(() => page.getByText('聞こえた機器').count()).toBe(1)
    const body = await page.locator('body').innerText()
    expect(body).toContain(ipA)
    expect(body.toLowerCase()).toContain('hl7')
    expect(body.toLowerCase()).toContain('ftp')

    await page.getByRole('radiogroup', { name: '表示言語' }).getByText('English').click()
    await expect.poll(() => page.getByText('Hosts heard').count()).toBe(1)
    expect(await page.getByRole('columnheader', { name: 'Protocols' }).count()).toBe(1)

    await page.goto(`${server.url}/discovery/traffic?device=${encodeURIComponent(a.id)}`)
    await expect.poll(() => page.getByTestId('traffic-edge').count()).toBeGreaterThanOrEqual(1)
    const map = await apiGet(page, server.url, `/api/traffic/map?device=${encodeURIComponent(a.id)}`, trafficMap)
    const nodeB = map.nodes.find((n) => n.address === ipB)
    expect(nodeB?.deviceId).toBe(b.id)
    const svg = await page.getByRole('img', { name: 'Communications map' }).innerHTML()
    expect(svg).toContain((nodeB?.label ?? ipB).slice(0, 20))
    expect(svg).toContain((map.nodes.find((n) => n.address === ipA)?.label ?? ipA).slice(0, 20))

    await page.goto(`${server.url}/devices/${a.id}`)
    await expect.poll(() => page.getByTestId('device-peer').count()).toBeGreaterThanOrEqual(1)
  })
})
