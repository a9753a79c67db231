/**
 * One entry point for a machine's diagram in any format: what `parley diagram` prints and
 * what the HTML report inlines.
 */
import type { LadderConfig } from '../../core/catalogue.js';
import { toDot } from './dot.js';
import { machineGraph } from './graph.js';
import { machineNamed, type MachineName } from './machines.js';
import { toMermaid } from './mermaid.js';
import { dotToSvg } from './svg.js';

/** The formats a diagram comes in. */
export const DIAGRAM_FORMATS = ['mermaid', 'dot', 'svg'] as const;
/** One of {@link DIAGRAM_FORMATS}. */
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** Options of {@link machineDiagram}. */
export interface DiagramOptions {
  /** The ladder's configuration (default: `DEFAULT_LADDER`); only the ladder uses it. */
  readonly ladder?: LadderConfig;
}

/**
 * The diagram of the machine called `name`, generated from its xstate definition.
 * @example
 * const mermaid = await machineDiagram('dispute', 'mermaid'); // text for GitHub and docs
 * const svg = await machineDiagram('cell', 'svg'); // laid out by Graphviz (WebAssembly), offline
 * console.log(mermaid.split('\n')[0], svg.length);
 */
export async function machineDiagram(name: MachineName, format: DiagramFormat, options: DiagramOptions = {}): Promise<string> {
  const graph = machineGraph(machineNamed(name, options.ladder));
  switch (format) {
    case 'mermaid':
      return toMermaid(graph);
    case 'dot':
      return toDot(graph);
    case 'svg':
      return dotToSvg(toDot(graph));
    default: {
      const _exhaustive: never = format;
      return _exhaustive;
    }
  }
}
