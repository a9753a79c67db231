/**
 * Graphviz DOT text for a machine graph. Compound and parallel states become clusters, the
 * initial state of each is marked by a start point, final states have a double border.
 * Every state carries its state id as `id` and `class="state"` (clusters
 * `class="state compound"`), every transition an `id` of the form
 * `t:<source>:<event>:<target>` (`:2`, `:3`… for repeats) and `class="transition"`, so the
 * SVG Graphviz makes from it can be lit by a script and checked by a test.
 */
import type { DiagramState, DiagramTransition, MachineGraph } from './graph.js';
import { transitionLabel } from './mermaid.js';

/** A DOT string literal. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** The SVG id of a transition (before any `:n` suffix for repeats). */
export function transitionId(t: Pick<DiagramTransition, 'source' | 'event' | 'target'>): string {
  return `t:${t.source}:${t.event}:${t.target}`;
}

const FONT = 'Helvetica,Arial,sans-serif';

/**
 * The DOT text of `graph`, ending with a newline.
 * @example const svg = await dotToSvg(toDot(machineGraph(cellMachine)));
 */
export function toDot(graph: MachineGraph): string {
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const isCluster = (s: DiagramState): boolean => s.children.length > 0;
  const startOf = (id: string): string => `${id}#start`;
  // The node an edge to or from a cluster is attached to (clipped at the cluster's border).
  const anchor = (s: DiagramState): string => {
    if (s.kind === 'parallel') return anchor(byId.get(s.children[0] as string) as DiagramState);
    return isCluster(s) ? startOf(s.id) : s.id;
  };
  const lines = [
    `digraph ${dotString(graph.id)} {`,
    `  graph [id=${dotString(`machine:${graph.id}`)}, compound=true, fontname=${dotString(FONT)}, fontsize=11, nodesep=0.3, ranksep=0.35];`,
    `  node [shape=box, style=rounded, fontname=${dotString(FONT)}, fontsize=11, height=0.3];`,
    `  edge [fontname=${dotString(FONT)}, fontsize=9, arrowsize=0.6];`,
  ];
  const start = (s: DiagramState, indent: string): void => {
    if (s.initial === undefined) return;
    const point = startOf(s.id);
    lines.push(`${indent}${dotString(point)} [shape=point, width=0.1, label="", class="start"];`);
    const target = byId.get(s.initial) as DiagramState;
    const head = isCluster(target) ? `, lhead=${dotString(`cluster_${target.id}`)}` : '';
    lines.push(`${indent}${dotString(point)} -> ${dotString(anchor(target))} [id=${dotString(`i:${s.id}`)}, class="initial"${head}];`);
  };
  const declare = (s: DiagramState, indent: string): void => {
    if (!isCluster(s)) {
      const shape = s.kind === 'final' ? ', peripheries=2' : '';
      lines.push(`${indent}${dotString(s.id)} [id=${dotString(s.id)}, class="state", label=${dotString(s.key)}${shape}];`);
      return;
    }
    const style = s.kind === 'parallel' ? 'dashed,rounded' : 'rounded';
    lines.push(`${indent}subgraph ${dotString(`cluster_${s.id}`)} {`);
    lines.push(`${indent}  id=${dotString(s.id)}; class="state compound"; label=${dotString(s.key)}; style=${dotString(style)};`);
    start(s, `${indent}  `);
    for (const child of s.children) declare(byId.get(child) as DiagramState, `${indent}  `);
    lines.push(`${indent}}`);
  };
  const root = graph.states[0];
  if (root) {
    start(root, '  ');
    for (const child of root.children) declare(byId.get(child) as DiagramState, '  ');
  }
  const seen = new Map<string, number>();
  for (const t of graph.transitions) {
    const base = transitionId(t);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const source = byId.get(t.source) as DiagramState;
    const target = byId.get(t.target) as DiagramState;
    const attrs = [`id=${dotString(n === 1 ? base : `${base}:${n}`)}`, 'class="transition"', `label=${dotString(transitionLabel(t))}`];
    if (isCluster(source)) attrs.push(`ltail=${dotString(`cluster_${source.id}`)}`);
    if (isCluster(target) && !t.source.startsWith(`${t.target}.`)) attrs.push(`lhead=${dotString(`cluster_${target.id}`)}`);
    if (t.targetless) attrs.push('style=dashed');
    lines.push(`  ${dotString(anchor(source))} -> ${dotString(anchor(target))} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
