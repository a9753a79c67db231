/**
 * `--set path=value[,value…]` for the commands that take it (`run`, `sweep`, `compare`):
 * collecting the repeated option and turning the explore module's errors into one-line
 * input errors (exit 2) that name the scenario file.
 */
import { prepareGrid, type Grid } from '../explore/prepare.js';
import { SetPathError } from '../explore/setPath.js';
import type { CommandContext } from './command.js';
import { InputError } from './errors.js';
import { readScenario } from './scenarioInput.js';

/** Commander's collector for a repeatable option. */
export const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

/** The help text of `--set`. */
export const SET_HELP =
  'change a scenario parameter: path=value, or path=a,b,c for several (read as YAML: 0.1 is a number, PT6H text; quote a value with a comma, bracket a list value); repeatable';

/**
 * Reads a scenario file and builds the grid of its `--set` variants; every problem is a
 * one-line error naming the file, before anything runs or is written.
 */
export async function readGrid(ctx: CommandContext, file: string, sets: readonly string[]): Promise<Grid> {
  const loaded = await readScenario(ctx, file);
  try {
    return prepareGrid({ file, source: loaded.source, hash: loaded.hash, scenario: loaded.scenario }, sets);
  } catch (e) {
    if (e instanceof SetPathError) throw new InputError({ file, what: e.message });
    throw e;
  }
}
