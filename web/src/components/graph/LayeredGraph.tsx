import dagre from '@dagrejs/dagre'
import { type KeyboardEvent, useMemo } from 'react'

/** One box of a layered picture: its text (escaped by React), an optional second line, and its colours. */
export interface GraphNode {
  id: string
  label: string
  sub?: string
  fill: string
  stroke: string
  text: string
  /** A link target (the app's own path) or nothing. */
  href?: string
  /** A data attribute for tests and styling (e.g. the impact state). */
  state?: string
}

/** An arrow from `from` to `to`; dashed for a soft link. */
export interface GraphEdge {
  from: string
  to: string
  dashed?: boolean
}

const FONT = 12
const PAD_X = 10
const MAX_CHARS = 26

/** A rough width of a text in px: CJK characters are about twice as wide as Latin ones. */
function textWidth(s: string): number {
  let w = 0
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? FONT * 1.08 : FONT * 0.64
  return w
}

function clip(s: string): string {
  const chars = [...s]
  return chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS - 1).join('')}…` : s
}

export interface LayeredGraphProps {
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** The picture's accessible name. */
  label: string
  /** dagre's direction: LR (left to right, default) or TB (top to bottom). */
  direction?: 'LR' | 'TB'
  onNodeClick?: (id: string) => void
}

/**
 * A layered picture (dagre's Sugiyama layout) drawn as plain SVG: boxes with one or two lines of text and arrows.
 * Long labels are clipped with the full text as a tooltip (<title>); an edge to an unknown node is left out.
 */
export function LayeredGraph({ nodes, edges, label, direction = 'LR', onNodeClick }: LayeredGraphProps) {
  const layout = useMemo(() => {
    const g = new dagre.graphlib.Graph({ multigraph: true })
    g.setGraph({ rankdir: direction, nodesep: 18, ranksep: 60, marginx: 12, marginy: 12 })
    g.setDefaultEdgeLabel(() => ({}))
    const known = new Set<string>()
    for (const n of nodes) {
      const w = Math.max(textWidth(clip(n.label)), n.sub ? textWidth(clip(n.sub)) * 0.85 : 0) + PAD_X * 2
      g.setNode(n.id, { width: Math.max(60, Math.ceil(w)), height: n.sub ? 42 : 28 })
      known.add(n.id)
    }
    const drawn = edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to)
    drawn.forEach((e, i) => {
      g.setEdge(e.from, e.to, {}, `e${i}`)
    })
    dagre.layout(g)
    const info = g.graph()
    return {
      width: Math.ceil(info.width ?? 0),
      height: Math.ceil(info.height ?? 0),
      boxes: nodes.map((n) => ({ n, box: g.node(n.id) })),
      lines: drawn.map((e, i) => ({ e, points: g.edge({ v: e.from, w: e.to, name: `e${i}` })?.points ?? [] })),
    }
  }, [nodes, edges, direction])

  if (nodes.length === 0) return null
  const markerId = `arrow-${label.length}-${nodes.length}`
  return (
    <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <svg
        role="img"
        aria-label={label}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        style={{ fontFamily: 'inherit', display: 'block', overflow: 'visible' }}
        data-graph
      >
        <title>{label}</title>
        <defs>
          <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#868e96" />
          </marker>
        </defs>
        {layout.lines.map(({ e, points }) => (
          <polyline
            key={`${e.from}->${e.to}`}
            points={points.map((p: { x: number; y: number }) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke="#868e96"
            strokeWidth={1.4}
            strokeDasharray={e.dashed ? '5 4' : undefined}
            markerEnd={`url(#${markerId})`}
          />
        ))}
        {layout.boxes.map(({ n, box }) => {
          const x = box.x - box.width / 2
          const y = box.y - box.height / 2
          const body = (
            <g
              key={n.id}
              data-node={n.id}
              data-state={n.state}
              {...(onNodeClick
                ? {
                    role: 'link',
                    tabIndex: 0,
                    'aria-label': n.sub ? `${n.label} (${n.sub})` : n.label,
                    style: { cursor: 'pointer' },
                    onClick: () => onNodeClick(n.id),
                    onKeyDown: (e: KeyboardEvent<SVGGElement>) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault()
                        onNodeClick(n.id)
                      }
                    },
                  }
                : {})}
            >
              <title>{n.sub ? `${n.label}\n${n.sub}` : n.label}</title>
              <rect x={x} y={y} width={box.width} height={box.height} rx={6} fill={n.fill} stroke={n.stroke} />
              <text x={box.x} y={n.sub ? y + 17 : box.y + 4} textAnchor="middle" fontSize={FONT} fill={n.text}>
                {clip(n.label)}
              </text>
              {n.sub && (
                <text x={box.x} y={y + 33} textAnchor="middle" fontSize={FONT - 2} fill={n.text} opacity={0.85}>
                  {clip(n.sub)}
                </text>
              )}
            </g>
          )
          return body
        })}
      </svg>
    </div>
  )
}
