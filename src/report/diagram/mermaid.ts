/**
 * Mermaid `stateDiagram-v2` text for a machine graph: compound states become composite
 * states, the regions of a parallel state are separated by `--`, final states lead to `[*]`,
 * and a targetless transition is a loop on its state. GitHub and most documentation tools
 * render it.
 */
import type { DiagramState, DiagramTransition, MachineGraph } from './graph.js';

const ESCAPES: Readonly<Record<string, string>> = { '.': '__', _: '_u', ':': '_c', '-': '_h' };

/**
 * A Mermaid state id for a state id. Mermaid ids are global to a diagram and allow only word
 * characters, so every dot becomes `__` and the other id characters an `_x` escape: the
 * mapping is one to one (see {@link fromMermaidId}).
 */
export function mermaidId(id: string): string {
  return id.replace(/[._:-]/g, (c) => ESCAPES[c] as string);
}

/** The state id a {@link mermaidId} came from. */
export function fromMermaidId(mid: string): string {
  const back: Record<string, string> = { _: '.', u: '_', c: ':', h: '-' };
  return mid.replace(/_([_uch])/g, (_m, c: string) => back[c] as string);
}

/** `EVENT [guard]`: what a transition's arrow says. */
export function transitionLabel(t: DiagramTransition): string {
  return t.guard === undefined ? t.event : `${t.event} [${t.guard}]`;
}

/**
 * The Mermaid text of `graph`, ending with a newline.
 * @example process.stdout.write(toMermaid(machineGraph(disputeMachine)));
 */
export function toMermaid(graph: MachineGraph): string {
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const bySourceParent = new Map<string, DiagramTransition[]>();
  for (const t of graph.transitions) {
    const scope = byId.get(t.source)?.parent ?? graph.id;
    const list = bySourceParent.get(scope) ?? [];
    list.push(t);
    bySourceParent.set(scope, list);
  }
  const lines = ['stateDiagram-v2'];
  // The body of a compound state (or of the root): its start, its children, then the
  // transitions leaving those children.
  const body = (node: DiagramState, indent: string): void => {
    if (node.initial !== undefined) lines.push(`${indent}[*] --> ${mermaidId(node.initial)}`);
    node.children.forEach((childId, i) => {
      const child = byId.get(childId) as DiagramState;
      if (node.kind === 'parallel' && i > 0) lines.push(`${indent}--`);
      declare(child, indent);
    });
    for (const t of bySourceParent.get(node.id) ?? []) {
      lines.push(`${indent}${mermaidId(t.source)} --> ${mermaidId(t.target)} : ${transitionLabel(t)}`);
    }
    for (const childId of node.children) {
      if (byId.get(childId)?.kind === 'final') lines.push(`${indent}${mermaidId(childId)} --> [*]`);
    }
  };
  const declare = (node: DiagramState, indent: string): void => {
    const mid = mermaidId(node.id);
    lines.push(`${indent}state "${node.key}" as ${mid}`);
    if (node.children.length === 0) return;
    lines.push(`${indent}state ${mid} {`);
    body(node, `${indent}  `);
    lines.push(`${indent}}`);
  };
  const root = graph.states[0];
  if (root) body(root, '  ');
  return `${lines.join('\n')}\n`;
}
