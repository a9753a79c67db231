/**
 * `parley verify <log.jsonl> [--deep] [--json]`: checks a log end to end and names the first
 * bad line. `--deep` also checks every fact against the mechanism's rules (who may do what,
 * what it refers to, the end of the run, the machines, deadlines from the recorded rules)
 * and the invariants: the one semantic check of a log. Exit 0 when it verifies; 1 when the
 * file is a log that fails verification; 2 when it is not a readable log at all (missing,
 * unreadable, binary, empty, absurd line lengths).
 */
import { verifyLog, type VerifyReport } from '../log/verify.js';
import type { RegisterCommand } from './command.js';
import { EXIT, exitCodeFor, oneLine } from './errors.js';
import { fileProgress } from './progress.js';

/** Registers `verify`. */
export const registerVerify: RegisterCommand = (program, ctx) => {
  program
    .command('verify')
    .description('check a log: seq order, time order, event schemas and the hash chain (--deep: and every fact against the rules); name the first bad line')
    .argument('<log>', 'the log file (.jsonl)')
    .option('--deep', "also check that every fact is one the mechanism's rules allow at its point (roles, references, the end of the run, each machine's steps, deadlines from the recorded rules) and the invariants after it")
    .option('--json', 'print the report as a JSON object on stdout')
    .action(async (log: string, options: { json?: boolean; deep?: boolean }) => {
      const bar = options.json ? undefined : fileProgress(ctx.io, options.deep ? 'verify --deep' : 'verify', ctx.resolve(log));
      let report: VerifyReport;
      try {
        report = await verifyLog(ctx.resolve(log), { deep: options.deep === true, ...(bar ? { onBytes: bar.onBytes } : {}) });
      } finally {
        bar?.stop();
      }
      ctx.setExit(report.ok ? EXIT.ok : exitCodeFor(report.kind));
      if (options.json) ctx.io.stdout(`${JSON.stringify({ file: log, ...report }, null, 2)}\n`);
      else if (report.ok) ctx.io.stdout(`${summary(log, report, options.deep === true)}\n`);
      else ctx.io.stderr(`parley: ${problemLine(log, report)}\n`);
    });
};

/** `OK run.jsonl: 1200 events, last seq 1200 at 2026-07-05T00:00:00Z, hash 3fa2c1d0e9b8…` */
function summary(log: string, r: Extract<VerifyReport, { ok: true }>, deep: boolean): string {
  const plural = r.events === 1 ? '' : 's';
  const rules = deep ? ', every fact as the rules give it' : '';
  return `OK ${log}: ${r.events} event${plural}, last seq ${r.lastSeq} at ${r.lastAt}, hash ${r.lastHash.slice(0, 12)}…${rules}`;
}

/**
 * `run.jsonl:7: hash-mismatch: …`, or for a fact the rules refuse
 * `run.jsonl:10 (seq 10): NOT_ALLOWED: [Rule] a party (syria) may not do this`.
 */
function problemLine(log: string, r: Extract<VerifyReport, { ok: false }>): string {
  const where = r.line > 0 ? `${log}:${r.line}` : log;
  if (r.kind === 'rule') return `${where} (seq ${r.seq ?? r.line}): ${r.rule ?? 'rule'}: ${oneLine(r.message)}`;
  return `${where}: ${r.kind}: ${oneLine(r.message)}`;
}
