import { XMLBuilder } from 'fast-xml-parser'
import type { TrafficMap } from '../../api/capture.js'
import { toCsv } from './csv.js'

/**
 * The communications map as files: CSV (one row per edge, through the one CSV writer with formula guarding) and
 * GraphML (nodes with their ledger device, edges with protocol, port and counters) for yEd, Gephi or Cytoscape.
 */
export function trafficCsv(map: TrafficMap): Buffer {
  const label = new Map(map.nodes.map((n) => [n.address, n]))
  const rows: string[][] = [
    [
      'client',
      'client_device',
      'server',
      'server_device',
      'transport',
      'server_port',
      'protocol',
      'packets',
      'bytes',
      'first_seen',
      'last_seen',
    ],
  ]
  for (const e of map.edges)
    rows.push([
      e.client,
      label.get(e.client)?.label ?? '',
      e.server,
      label.get(e.server)?.label ?? '',
      e.transport,
      String(e.serverPort),
      e.protocol ?? '',
      String(e.packets),
      String(e.bytes),
      e.firstSeen,
      e.lastSeen,
    ])
  return toCsv(rows)
}

const NODE_KEYS = ['label', 'deviceId', 'assetTag', 'category', 'segment', 'external'] as const
const EDGE_KEYS = ['transport', 'serverPort', 'protocol', 'packets', 'bytes', 'firstSeen', 'lastSeen'] as const
const TYPES: Record<string, string> = { serverPort: 'int', packets: 'long', bytes: 'long', external: 'boolean' }

export function trafficGraphml(map: TrafficMap): string {
  const ids = new Map(map.nodes.map((n, i) => [n.address, `n${i}`]))
  const data = (values: Record<string, unknown>, keys: readonly string[]) =>
    keys
      .filter((k) => values[k] !== null && values[k] !== undefined)
      .map((k) => ({ '@_key': k, '#text': String(values[k]) }))
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    graphml: {
      '@_xmlns': 'http://graphml.graphdrawing.org/xmlns',
      key: [
        ...NODE_KEYS.map((k) => ({
          '@_id': k,
          '@_for': 'node',
          '@_attr.name': k,
          '@_attr.type': TYPES[k] ?? 'string',
        })),
        ...EDGE_KEYS.map((k) => ({
          '@_id': k,
          '@_for': 'edge',
          '@_attr.name': k,
          '@_attr.type': TYPES[k] ?? 'string',
        })),
      ],
      graph: {
        '@_id': 'traffic',
        '@_edgedefault': 'directed',
        node: map.nodes.map((n) => ({ '@_id': ids.get(n.address), data: data({ ...n, label: n.label }, NODE_KEYS) })),
        edge: map.edges.map((e, i) => ({
          '@_id': `e${i}`,
          '@_source': ids.get(e.client),
          '@_target': ids.get(e.server),
          data: data(e as unknown as Record<string, unknown>, EDGE_KEYS),
        })),
      },
    },
  }
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(doc) as string
}
