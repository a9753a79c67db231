/**
 * Auditing a log against the rules: every recorded fact must be one `decide` gives at its
 * point in the log. Before fact k is folded, it is turned back into the command that records
 * it (commandFor.ts) and decided on the state of the facts before it; the fact must be
 * accepted, and `decide` must produce exactly the recorded fact (same type, version, actor,
 * instant, cause and data, compared as canonical JSON: so a deadline must be the one the
 * recorded rules give). Then it is folded, and the invariants are checked on what it touched.
 *
 * One implementation for every reader that vouches for a log's content: `verifyLog(path,
 * { deep: true })` (`parley verify --deep`), and the log writer when it appends (`appendToLog`
 * refuses what verify would refuse, in the same words). Linear: constant work per fact.
 */
import type { Fact, Recorded } from './catalogue.js';
import { canonicalJson } from './canonical.js';
import { commandFor } from './commandFor.js';
import type { Command } from './commands.js';
import { decide, type DecideOptions } from './decide.js';
import { DomainError, ReplayError, type DomainErrorCode } from './errors.js';
import { checkInvariants, InvariantChecker } from './invariants.js';
import { Replayer } from './replay.js';
import { checkDeadline, DEADLINE_FIELDS } from './rules.js';
import type { ParleyState } from './state.js';

/**
 * The rule a fact breaks: `decide`'s code for a command it refuses; `DIFFERS_FROM_RULES` for
 * a fact the rules would record differently (a deadline the recorded rules do not give);
 * `REPLAY_REJECTED` for one the fold refuses; `INVARIANT` for a state that breaks an invariant.
 */
export type AuditRule = DomainErrorCode | 'DIFFERS_FROM_RULES' | 'REPLAY_REJECTED' | 'INVARIANT';

/** Why a recorded fact is not one the rules allow at its point in the log. */
export interface AuditProblem {
  readonly rule: AuditRule;
  /** What is wrong, in one line, starting with its area (`[dispute] …`). */
  readonly message: string;
  /** The field that differs from what the rules give (`data.ackBy`), for `DIFFERS_FROM_RULES`. */
  readonly field?: string;
}

const CURRENT: DecideOptions = { validateData: false };
const LEGACY: DecideOptions = { validateData: false, legacy: true };

/**
 * Whether the rules allow `f` as the next fact after `state`: `undefined` when `decide`,
 * asked the command behind `f` on `state`, records exactly `f`; the problem otherwise. The
 * data is not schema-checked here: the log's reader (or writer) has already done it.
 * @example
 * const problem = auditFact(replayer.peek(), event);
 * if (problem) console.log(`${problem.rule}: ${problem.message}`); // 'NOT_ALLOWED: [Rule] a party (syria) may not do this'
 */
export function auditFact(state: ParleyState, f: Fact): AuditProblem | undefined {
  // A log written before LogStarted v2 records no rules: its deadlines are what its commands gave.
  const legacy = f.type === 'LogStarted' ? f.data.rules === null : state.meta?.rules === null;
  const cmd: Command = legacy && f.type in DEADLINE_FIELDS ? ({ ...commandFor(f), data: f.data } as Command) : commandFor(f);
  const result = decide(cmd, state, legacy ? LEGACY : CURRENT);
  if (result instanceof DomainError) return { rule: result.code, message: result.message };
  const decided = result[0];
  if (result.length !== 1 || decided === undefined) {
    return { rule: 'DIFFERS_FROM_RULES', message: `[log] ${f.type}: the rules record ${result.length} facts for its command, not this one` };
  }
  return difference(state, f, decided);
}

/** The first field in which the recorded fact differs from the decided one, as a problem. */
function difference(state: ParleyState, recorded: Fact, decided: Fact): AuditProblem | undefined {
  for (const key of ['type', 'v', 'at', 'actor', 'cause'] as const) {
    if (recorded[key] !== decided[key]) return differs(recorded, key, `${key}: recorded ${String(recorded[key])}, the rules give ${String(decided[key])}`);
  }
  // The data is usually the very object the command carried, or a copy with a deadline
  // added: equal as canonical JSON exactly when the same keys hold identical values, which
  // is cheap to see without encoding either.
  if (recorded.data === decided.data) return undefined;
  const a = recorded.data as Record<string, unknown>;
  const b = decided.data as Record<string, unknown>;
  if (sameEntries(a, b) || canonicalJson(a) === canonicalJson(b)) return undefined;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const was = a[key] === undefined ? undefined : canonicalJson(a[key]);
    const given = b[key] === undefined ? undefined : canonicalJson(b[key]);
    if (was === given) continue;
    const deadline = state.meta ? checkDeadline(state.meta, recorded) : 'ok';
    const why = deadline !== 'ok' && deadline !== 'not recorded' && key === (DEADLINE_FIELDS as Record<string, string>)[recorded.type]
      ? deadline
      : `data.${key}: recorded ${was ?? 'nothing'}, the rules give ${given ?? 'nothing'}`;
    return differs(recorded, `data.${key}`, why);
  }
  return undefined;
}

/** Whether `a` and `b` have the same own keys with identical (`===`) values. */
function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
  return true;
}

function differs(f: Fact, field: string, why: string): AuditProblem {
  return { rule: 'DIFFERS_FROM_RULES', field, message: `[log] ${f.type} differs from what the rules give: ${why}` };
}

/** A problem as one line: `<rule>: <message>` (what verify and the log writer both print). */
export function describeAudit(p: AuditProblem): string {
  return `${p.rule}: ${p.message}`;
}

/**
 * Audits a log fact by fact: each is re-decided ({@link auditFact}), folded, and the
 * invariants checked on what it touched; {@link Auditor.finish} checks them over the whole
 * state once at the end. Constant work per fact.
 * @example
 * const auditor = new Auditor();
 * for (const e of events) { const p = auditor.push(e); if (p) throw new Error(`seq ${e.seq}: ${describeAudit(p)}`); }
 * const end = auditor.finish();
 */
export class Auditor {
  private readonly replayer: Replayer;
  private readonly checker: InvariantChecker;

  constructor(from?: { readonly state: ParleyState; readonly checker: InvariantChecker }) {
    this.replayer = new Replayer(from?.state);
    this.checker = from ? from.checker.copy() : new InvariantChecker();
  }

  /** The state after the last fact pushed (live: valid until the next push; never modify it). */
  get state(): ParleyState {
    return this.replayer.peek();
  }

  /**
   * Audits `e`, folds it and checks the invariants after it. Returns the first problem, or
   * `undefined` when `e` is sound. After a problem the state may hold part of `e`: use a
   * {@link Auditor.copy} to try facts that may be refused.
   */
  push(e: Recorded): AuditProblem | undefined {
    const problem = auditFact(this.replayer.peek(), e);
    if (problem) return problem;
    try {
      this.replayer.push(e);
    } catch (error) {
      if (!(error instanceof ReplayError)) throw error;
      return { rule: 'REPLAY_REJECTED', message: error.message.replace(/^seq \d+: /, '') };
    }
    const broken = this.checker.after(this.replayer.peek(), e);
    return broken.length > 0 ? { rule: 'INVARIANT', message: `[invariant] ${broken.join('; ')}` } : undefined;
  }

  /** The invariants over the whole state, for what the per-fact checks cannot see. */
  finish(): AuditProblem | undefined {
    const broken = checkInvariants(this.replayer.peek());
    return broken.length > 0 ? { rule: 'INVARIANT', message: `[invariant] ${broken.join('; ')}` } : undefined;
  }

  /** An independent copy: facts pushed to it leave this one as it is. */
  copy(): Auditor {
    return new Auditor({ state: this.replayer.peek(), checker: this.checker });
  }
}
