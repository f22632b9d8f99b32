import { Group, Text } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { BcpGraph, NodeKind } from '../../../../api/bcp.js'
import { type GraphEdge, type GraphNode, LayeredGraph } from './LayeredGraph.js'

type State = 'lost' | 'stops' | 'degrades' | null

/** Colours by impact state (lost red, stopped services dark red, degraded amber), else by kind. */
const STATE_STYLE: Record<'lost' | 'stops' | 'degrades', Pick<GraphNode, 'fill' | 'stroke' | 'text'>> = {
  lost: { fill: '#fa5252', stroke: '#c92a2a', text: '#ffffff' },
  stops: { fill: '#862e2e', stroke: '#5c1a1a', text: '#ffffff' },
  degrades: { fill: '#ffd43b', stroke: '#f08c00', text: '#212529' },
}
const KIND_STYLE: Record<NodeKind, Pick<GraphNode, 'fill' | 'stroke' | 'text'>> = {
  service: { fill: '#e7f5ff', stroke: '#1c7ed6', text: '#1864ab' },
  device: { fill: '#f8f9fa', stroke: '#868e96', text: '#212529' },
  segment: { fill: '#f3f0ff', stroke: '#7048e8', text: '#5f3dc4' },
  party: { fill: '#fff4e6', stroke: '#e8590c', text: '#a63c06' },
}

const keyOf = (kind: string, id: string) => `${kind}:${id}`

/**
 * The dependency picture of the plan (api/bcp.ts bcpGraph), drawn with dagre. Arrows point the way a loss travels:
 * from what is needed to what needs it, so a lost segment sits on the left and the clinical services on the right.
 */
export function DependencyGraph({
  graph,
  label,
  onNodeClick,
}: {
  graph: BcpGraph
  label: string
  onNodeClick?: (ref: { kind: NodeKind; id: string }) => void
}) {
  const { t } = useTranslation()
  const { nodes, edges } = useMemo(() => {
    const nodes: GraphNode[] = graph.nodes.map((n) => ({
      id: keyOf(n.kind, n.id),
      label: n.label,
      sub: n.state ? `${t(`bcp.kind.${n.kind}`)} · ${t(`bcp.state.${n.state}`)}` : t(`bcp.kind.${n.kind}`),
      ...(n.state ? STATE_STYLE[n.state] : KIND_STYLE[n.kind]),
      state: n.state ?? 'none',
    }))
    const edges: GraphEdge[] = graph.edges.map((e) => ({
      from: keyOf(e.to.kind, e.to.id),
      to: keyOf(e.from.kind, e.from.id),
      dashed: e.strength === 'soft',
    }))
    return { nodes, edges }
  }, [graph, t])
  const hasState = graph.nodes.some((n) => n.state !== null)
  return (
    <div>
      <LayeredGraph
        nodes={nodes}
        edges={edges}
        label={label}
        onNodeClick={
          onNodeClick
            ? (id) => {
                const at = id.indexOf(':')
                onNodeClick({ kind: id.slice(0, at) as NodeKind, id: id.slice(at + 1) })
              }
            : undefined
        }
      />
      <GraphLegend withStates={hasState} />
      {graph.truncated > 0 && (
        <Text size="sm" c="orange.8" mt={4} data-truncated={graph.truncated}>
          {t('bcp.graph.truncated', { count: graph.truncated })}
        </Text>
      )}
    </div>
  )
}

function Swatch({
  style,
  text,
  dashed,
}: {
  style?: Pick<GraphNode, 'fill' | 'stroke'>
  text: string
  dashed?: boolean
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <svg width={22} height={12} aria-hidden="true">
        {style ? (
          <rect x={1} y={1} width={20} height={10} rx={3} fill={style.fill} stroke={style.stroke} />
        ) : (
          <line
            x1={1}
            y1={6}
            x2={21}
            y2={6}
            stroke="#868e96"
            strokeWidth={1.6}
            strokeDasharray={dashed ? '4 3' : undefined}
          />
        )}
      </svg>
      <Text size="xs">{text}</Text>
    </Group>
  )
}

/** What the colours and lines mean, in words. */
export function GraphLegend({ withStates }: { withStates: boolean }) {
  const { t } = useTranslation()
  const states: Exclude<State, null>[] = ['lost', 'stops', 'degrades']
  const kinds: NodeKind[] = ['service', 'device', 'segment', 'party']
  return (
    <Group gap="md" mt="xs" aria-label={t('bcp.graph.legend')} role="group">
      {withStates && states.map((s) => <Swatch key={s} style={STATE_STYLE[s]} text={t(`bcp.state.${s}`)} />)}
      {kinds.map((k) => (
        <Swatch key={k} style={KIND_STYLE[k]} text={t(`bcp.kind.${k}`)} />
      ))}
      <Swatch text={t('bcp.graph.hard')} />
      <Swatch text={t('bcp.graph.soft')} dashed />
      <Text size="xs" c="dimmed">
        {t('bcp.graph.direction')}
      </Text>
    </Group>
  )
}
