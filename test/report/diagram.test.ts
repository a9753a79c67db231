/**
 * Diagrams are generated from the machine definitions: every state and every transition
 * (source, event, target) that xstate's own graph walker (`xstate/graph`'s
 * `toDirectedGraph`, independent of the generator) finds in a machine appears in the
 * Mermaid, the DOT and the SVG output, as often as the machine has it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { machineDiagram } from '../../src/report/diagram/diagram.js';
import { toDot } from '../../src/report/diagram/dot.js';
import { activeStateIds, machineGraph } from '../../src/report/diagram/graph.js';
import { machineNamed, MACHINE_NAMES, type MachineName } from '../../src/report/diagram/machines.js';
import { fromMermaidId, toMermaid } from '../../src/report/diagram/mermaid.js';
import type { LadderConfig } from '../../src/core/catalogue.js';
import { ladderConfig } from '../machines/arbitraries/ladderConfig.js';

interface Expected {
  readonly states: string[];
  /** `source|event|target` → how many transitions the machine has with those three. */
  readonly transitions: Map<string, number>;
}

/** States and transitions as xstate's graph walker sees them. */
function expectedOf(machine: AnyStateMachine): Expected {
  const states: string[] = [];
  const transitions = new Map<string, number>();
  const walk = (node: DirectedGraphNode): void => {
    states.push(node.id);
    for (const e of node.edges) {
      const key = `${e.source.id}|${e.label.text}|${e.target.id}`;
      transitions.set(key, (transitions.get(key) ?? 0) + 1);
    }
    node.children.forEach(walk);
  };
  walk(toDirectedGraph(machine));
  return { states: states.slice(1), transitions };
}

function count(list: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of list) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/** `source|event|target` of every transition line of a Mermaid diagram. */
function mermaidTransitions(text: string): string[] {
  return [...text.matchAll(/^\s*(\w+) --> (\w+) : (\S+)/gm)].map(
    ([, s, t, e]) => `${fromMermaidId(s as string)}|${e}|${fromMermaidId(t as string)}`,
  );
}

/** Ids given to transitions (`t:source:event:target[:n]`) in DOT or SVG, as `source|event|target`. */
function idTransitions(ids: readonly string[], machineId: string): string[] {
  return ids
    .filter((id) => id.startsWith(`t:${machineId}`))
    .map((id) => {
      const [, source, event, target] = id.split(':');
      return `${source}|${event}|${target}`;
    });
}

async function check(name: MachineName, ladder?: LadderConfig): Promise<void> {
  const machine = machineNamed(name, ladder);
  const { states, transitions } = expectedOf(machine);
  const options = ladder ? { ladder } : {};
  const [mermaid, dot, svg] = await Promise.all([
    machineDiagram(name, 'mermaid', options),
    machineDiagram(name, 'dot', options),
    machineDiagram(name, 'svg', options),
  ]);
  const mermaidStates = [...mermaid.matchAll(/^\s*state "[^"]*" as (\w+)$/gm)].map(([, m]) => fromMermaidId(m as string));
  expect(mermaidStates.sort()).toEqual([...states].sort());
  expect(count(mermaidTransitions(mermaid))).toEqual(transitions);

  const dotIds = [...dot.matchAll(/\bid="([^"]+)"/g)].map(([, id]) => id as string);
  for (const s of states) expect(dotIds).toContain(s);
  expect(count(idTransitions(dotIds, machine.id))).toEqual(transitions);

  // In the SVG: each state is a node or cluster group with its id, each transition an edge
  // group with its id whose label names the event.
  const groups = [...svg.matchAll(/<g id="([^"]+)" class="([^"]+)">([\s\S]*?)<\/g>/g)].map(([, id, cls, body]) => ({
    id: decodeEntities(id as string),
    cls: cls as string,
    text: [...(body as string).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, t]) => decodeEntities(t as string)),
  }));
  const stateGroups = groups.filter((g) => /\bstate\b/.test(g.cls)).map((g) => g.id);
  expect(stateGroups.sort()).toEqual([...states].sort());
  const edges = groups.filter((g) => /\btransition\b/.test(g.cls));
  expect(count(idTransitions(edges.map((g) => g.id), machine.id))).toEqual(transitions);
  for (const edge of edges) expect(edge.text.join(' ')).toContain(edge.id.split(':')[2]);
}

describe('parley diagram', () => {
  it.each(MACHINE_NAMES)('%s: every state and transition is in the Mermaid, DOT and SVG', async (name) => {
    await check(name);
  });

  it('follows the ladder configuration: every level and move of any ladder is drawn', async () => {
    await fc.assert(fc.asyncProperty(ladderConfig, (config) => check('ladder', config)), { numRuns: 15 });
  });

  it.each(MACHINE_NAMES)('%s: a generator that dropped any one transition would fail the comparison', (name) => {
    const machine = machineNamed(name);
    const { transitions } = expectedOf(machine);
    const graph = machineGraph(machine);
    expect(graph.transitions.length).toBeGreaterThan(3);
    graph.transitions.forEach((_, i) => {
      const fewer = { ...graph, transitions: graph.transitions.filter((_t, j) => j !== i) };
      expect(count(mermaidTransitions(toMermaid(fewer)))).not.toEqual(transitions);
      const dotIds = [...toDot(fewer).matchAll(/\bid="([^"]+)"/g)].map(([, id]) => id as string);
      expect(count(idTransitions(dotIds, machine.id))).not.toEqual(transitions);
    });
  });

  it('names the active states of a state value as the diagram ids do', () => {
    expect(activeStateIds('cell', { active: { intelligence: 'engaged', meetings: 'idle' } })).toEqual([
      'cell',
      'cell.active',
      'cell.active.intelligence',
      'cell.active.intelligence.engaged',
      'cell.active.meetings',
      'cell.active.meetings.idle',
    ]);
    expect(activeStateIds('dispute', 'mediation')).toEqual(['dispute', 'dispute.mediation']);
  });
});
