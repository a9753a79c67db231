/**
 * `parley merge <part>… --out all.csv [--json]`: joins the row files of a sharded sweep into
 * exactly the file the unsharded sweep writes; refuses parts of different sweeps, a missing
 * or duplicated shard, or an unfinished one.
 */
import { mergeParts } from '../explore/merge.js';
import { RowFileError } from '../explore/resume.js';
import type { RegisterCommand } from './command.js';
import { InputError } from './errors.js';
import { checkOutputPath } from './outputPath.js';

interface MergeOptions {
  out: string;
  json?: boolean;
}

/** Registers `merge`. */
export const registerMerge: RegisterCommand = (program, ctx) => {
  program
    .command('merge')
    .description("join a sharded sweep's parts (--shard i/n) into the unsharded sweep's file")
    .argument('<parts...>', 'the shards\' row files (.csv or .jsonl), in any order')
    .requiredOption('--out <file>', 'the merged file (.csv or .jsonl, like the parts)')
    .option('--json', 'print what was merged as JSON')
    .action(async (parts: string[], options: MergeOptions) => {
      await checkOutputPath(ctx, '--out', options.out, parts);
      let result;
      try {
        result = await mergeParts(
          parts.map((file) => ({ file, path: ctx.resolve(file) })),
          { file: options.out, path: ctx.resolve(options.out) },
        );
      } catch (e) {
        if (e instanceof RowFileError) throw new InputError({ file: e.file, ...(e.line > 0 ? { line: e.line } : {}), what: `${e.message}; nothing was written` });
        throw e;
      }
      const summary = { out: options.out, parts: result.parts, runs: result.rows, identity: result.identity };
      if (options.json) ctx.io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
      else ctx.io.stdout(`merged ${result.parts} shard${result.parts === 1 ? '' : 's'}: ${result.rows.toLocaleString('en-US')} runs of ${result.identity.scenario} → ${options.out}\n`);
    });
};
