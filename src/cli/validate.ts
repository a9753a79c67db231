/**
 * `parley validate <scenario> [--json]`: checks a scenario without running it — YAML syntax,
 * the schema, cross-references — and reports every problem with its line and column.
 */
import { formatDuration, parseDuration } from '../core/time.js';
import type { RegisterCommand } from './command.js';
import { InputError } from './errors.js';
import { readScenario } from './scenarioInput.js';

/** Registers `validate`. */
export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .description('check a scenario file without running it; every problem is reported with its line and column')
    .argument('<scenario>', 'the scenario file (.yaml)')
    .option('--json', 'print the result as JSON (problems included) on stdout')
    .action(async (file: string, options: { json?: boolean }) => {
      try {
        const { scenario: s, hash } = await readScenario(ctx, file);
        if (options.json) {
          ctx.io.stdout(`${JSON.stringify({ file, ok: true, name: s.name, hash }, null, 2)}\n`);
          return;
        }
        const parties = Object.keys(s.parties).join(', ');
        const horizon = formatDuration(parseDuration(s.horizon) as number);
        ctx.io.stdout(
          `OK ${file}: "${s.name}", parties ${parties}, supervisor ${s.supervisor.id}, ` +
            `${s.timeline.length} timeline entries, ${s.generators.length} generators, horizon ${horizon}, ` +
            `cell ${s.mechanism.enabled ? 'on' : 'off'}${s.game ? `, ${s.game.rounds} rounds` : ''}\n`,
        );
      } catch (e) {
        if (options.json && e instanceof InputError) {
          ctx.io.stdout(`${JSON.stringify({ file, ok: false, problems: e.problems }, null, 2)}\n`);
        }
        throw e;
      }
    });
};
