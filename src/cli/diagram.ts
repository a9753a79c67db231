/**
 * `parley diagram <cell|message|dispute|ladder> [--format mermaid|dot|svg] [--out file]`:
 * draws a machine from its xstate definition. Mermaid to stdout by default; `--out` writes
 * the file atomically.
 */
import { Argument, Option } from 'commander';
import { writeFileAtomic } from '../log/atomic.js';
import { DIAGRAM_FORMATS, machineDiagram, type DiagramFormat } from '../report/diagram/diagram.js';
import { MACHINE_NAMES, type MachineName } from '../report/diagram/machines.js';
import type { RegisterCommand } from './command.js';
import { checkOutputPath } from './outputPath.js';

/** Registers `diagram`. */
export const registerDiagram: RegisterCommand = (program, ctx) => {
  program
    .command('diagram')
    .description('draw a machine (states and transitions) from its definition, as Mermaid, Graphviz DOT or SVG')
    .addArgument(new Argument('<machine>', 'which machine').choices(MACHINE_NAMES))
    .addOption(new Option('--format <format>', 'output format').choices(DIAGRAM_FORMATS).default('mermaid'))
    .option('--out <file>', 'write the diagram to this file (atomically) instead of standard output')
    .addHelpText(
      'after',
      '\nThe ladder is drawn with the default levels (calm, tension, crisis, armedIncident, conflict).\nSVG is laid out by Graphviz (compiled to WebAssembly, runs offline).\n\nExample:\n  parley diagram dispute --format svg --out dispute.svg',
    )
    .action(async (machine: MachineName, options: { format: DiagramFormat; out?: string }) => {
      if (options.out !== undefined) await checkOutputPath(ctx, '--out', options.out, []);
      const text = await machineDiagram(machine, options.format);
      if (options.out === undefined) ctx.io.stdout(text);
      else await writeFileAtomic(ctx.resolve(options.out), text);
    });
};
