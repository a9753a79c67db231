/**
 * `parley fork <log> --at-seq N [--inject timeline.yaml] [--set path=value]… [--seed S]
 * [--scenario file.yaml] [--max-events N] --out new.jsonl [--json] [--quiet]`: keeps the
 * log's first N events verbatim and continues the run from the instant of event N with the
 * changes asked for, to the horizon (explore/fork.ts). Bad input (a log that fails `verify
 * --deep` included) is one line and exit 2; a log this version does not re-simulate
 * identically is exit 1. Nothing is written then.
 */
import { readFile, stat } from 'node:fs/promises';
import { forkLog, type ForkResult } from '../explore/fork.js';
import { readInjected, type InjectedTimeline } from '../explore/forkInject.js';
import { ForkError } from '../explore/forkError.js';
import { MAX_FILE_BYTES } from '../scenario/textGuards.js';
import type { CommandContext, RegisterCommand } from './command.js';
import { CheckFailedError, EXIT, InputError } from './errors.js';
import { checkOutputPath } from './outputPath.js';
import { progressBar, type Progress } from './progress.js';
import { stopVerdict } from './run.js';
import { integerOption, readScenario } from './scenarioInput.js';
import { collect } from './setOption.js';

interface ForkCliOptions {
  atSeq: string;
  inject?: string;
  set?: string[];
  seed?: string;
  scenario?: string;
  maxEvents?: string;
  out: string;
  json?: boolean;
  quiet?: boolean;
}

/** Registers `fork`. */
export const registerFork: RegisterCommand = (program, ctx) => {
  program
    .command('fork')
    .description('branch a recorded history: keep a log\'s first N events verbatim, then continue the run from there with changed parameters, injected timeline entries or a new seed')
    .argument('<log>', 'the log to fork (.jsonl); it must pass verify --deep')
    .requiredOption('--at-seq <n>', 'keep events 1 to N; the changes apply from the instant of event N on')
    .option('--inject <timeline.yaml>', "timeline entries to add (a scenario's timeline syntax: a list, or timeline: holding one), each at or after the fork instant")
    .option('--set <path=value>', 'change a parameter from the fork on (fog, policies, the supervisor, the mechanism\'s deadlines, referral, meetings and suspension, generators, weights, incident kinds); repeatable', collect)
    .option('--seed <n>', 'restart every random stream from this seed at the fork (default: the streams go on as they were)')
    .option('--scenario <file.yaml>', 'the scenario file the log was run from (checked against the hash the log records); needed for a log that does not record its scenario')
    .option('--max-events <n>', 'stop the continued run after this many events (default 5,000,000)')
    .requiredOption('--out <log>', 'where to write the forked log')
    .option('--json', 'print what was written as JSON')
    .option('--quiet', 'print nothing but errors; no progress bar')
    .addHelpText('after', '\nThe random streams continue as they were (common random numbers): a fork that changes nothing writes the log again, byte for byte.')
    .action(async (log: string, options: ForkCliOptions) => {
      const atSeq = integerOption('--at-seq', options.atSeq) as number;
      const seed = integerOption('--seed', options.seed, 0xffffffff);
      const maxEvents = integerOption('--max-events', options.maxEvents);
      const inputs = [log, ...(options.inject ? [options.inject] : []), ...(options.scenario ? [options.scenario] : [])];
      await checkOutputPath(ctx, '--out', options.out, inputs);
      const inject = options.inject === undefined ? undefined : await readInjectFile(ctx, options.inject);
      const scenario = options.scenario === undefined ? undefined : await readScenario(ctx, options.scenario);
      // Over simulated time, once the fork knows the period it continues through.
      let bar: Progress | undefined;
      const onProgress = options.quiet || options.json
        ? undefined
        : (done: number, total: number): void => {
            bar ??= progressBar(ctx.io, 'forking', total);
            bar?.update(done);
          };
      let forked: ForkResult;
      try {
        forked = await forkLog({
          log: ctx.resolve(log),
          logName: log,
          atSeq,
          out: ctx.resolve(options.out),
          sets: options.set ?? [],
          ...(inject ? { inject } : {}),
          ...(seed === undefined ? {} : { seed }),
          ...(scenario ? { scenario: { file: options.scenario as string, source: scenario.source, hash: scenario.hash } } : {}),
          ...(maxEvents === undefined ? {} : { maxEvents }),
          ...(onProgress ? { onProgress } : {}),
        });
      } catch (e) {
        if (!(e instanceof ForkError)) throw e;
        const problems = e.problems.map((p) => ({ file: p.file, ...(p.line > 0 ? { line: p.line, ...(p.col > 0 ? { col: p.col } : {}) } : {}), what: p.path ? `${p.path}: ${p.message}` : p.message }));
        if (e.kind === 'input') throw new InputError(problems);
        throw new CheckFailedError(new InputError(problems).message);
      } finally {
        bar?.stop();
      }
      const { result } = forked;
      const stop = stopVerdict(result, maxEvents ?? 5_000_000, maxEvents !== undefined);
      if (stop) {
        ctx.io.stderr(`parley: ${stop.notice}\n`);
        if (stop.failed) ctx.setExit(EXIT.checkFailed);
      }
      const added = result.events - forked.kept;
      if (options.json) {
        const json = { file: log, atSeq, at: forked.at, out: options.out, kept: forked.kept, added, events: result.events, lastHash: forked.log.hash, changed: forked.changed, endedBy: result.endedBy, reachedAt: result.reachedAt };
        ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      } else if (!options.quiet) {
        const what = forked.changed ? 'with the changes recorded (ParametersChanged)' : 'with nothing changed';
        ctx.io.stdout(`forked ${log} at seq ${atSeq} (${forked.at}) ${what}: kept ${forked.kept} events, added ${added}; wrote ${options.out} (${result.events} events, hash ${forked.log.hash.slice(0, 12)}…)\n`);
      }
    });
};

/** Reads an inject file as the scenario loader reads a scenario: regular files only, size first. */
async function readInjectFile(ctx: CommandContext, file: string): Promise<InjectedTimeline> {
  const path = ctx.resolve(file);
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError({ file, what: 'is not a regular file' });
    if (info.size > MAX_FILE_BYTES) throw new InputError({ file, what: `the file is ${info.size} bytes; at most ${MAX_FILE_BYTES} are read` });
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new InputError({ file, what: code === 'ENOENT' ? 'no such file' : `cannot read the file (${String(code ?? e)})` });
  }
  const read = readInjected(bytes, file);
  if (Array.isArray(read)) throw new InputError(read.map((i) => ({ file, ...(i.line > 0 ? { line: i.line, col: i.col } : {}), what: i.path ? `${i.path}: ${i.message}` : i.message })));
  return read;
}
