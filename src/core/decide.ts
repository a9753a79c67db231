/**
 * `decide(command, state) → facts | DomainError`: the rules of the mechanism.
 *
 * Who may do what (roles.ts), what must exist (commandRules.ts: messages, disputes,
 * incidents), what the cell must be doing (most business needs it active), what the
 * mechanism's recorded rules give (rules.ts: deadlines) and what the machines allow (asked
 * through the compiled xstate definitions, via the same routing `evolve` uses). Pure: time
 * and ids arrive in the command.
 */
import { compiledCell, compiledDispute, compiledMessage } from '../machines/index.js';
import type { Fact } from './catalogue.js';
import { checkData, EVENT_VERSIONS } from './catalogue.js';
import { checkSpecific, checkStart } from './commandRules.js';
import { coolingDelta } from './cooling.js';
import type { Command } from './commands.js';
import { COMMAND_EVENTS, COMPUTED_FIELDS } from './commands.js';
import { DomainError } from './errors.js';
import type { DomainErrorCode } from './errors.js';
import { ALLOWED, cellActive, NEEDS_ACTIVE_CELL, roleOf } from './roles.js';
import { routeOf, subjectOf } from './routing.js';
import { deadline, RULE_NAMES } from './rules.js';
import type { ParleyState } from './state.js';
import { isLater, parseInstant } from './time.js';

const fail = (code: DomainErrorCode, message: string): DomainError => new DomainError(code, message);

/** Options of {@link decide}. */
export interface DecideOptions {
  /**
   * Check the command's data against its event's schema in the catalogue (default `true`).
   * Only a caller that guarantees schema-valid data may turn this off: the simulator does for
   * the commands it builds itself from a checked plan and from facts already recorded, where
   * the check costs more than all the rules together. Every rule is checked either way.
   */
  readonly validateData?: boolean;
  /**
   * Judge the command as a log written before LogStarted v2 recorded it (default `false`):
   * its first event may leave the mechanism's rules unrecorded (`rules: null`), and where a
   * log records no rules a message or a dispute carries its own deadline, as commands did
   * then. Only for facts already recorded (`verify --deep`, appends: core/audit.ts); a new
   * log always records its rules.
   */
  readonly legacy?: boolean;
}

/**
 * Checks a command against the state; returns the facts it produces, or why it is refused.
 * @example
 * const r = await loadScenario('scenarios/paris-2026.yaml');
 * if (!r.ok) throw new Error('the scenario does not load');
 * const events: Recorded[] = [];
 * runPlan(compileScenario(r.scenario, { hash: r.hash, source: r.source, parleyVersion: PARLEY_VERSION }), { onEvent: (e) => events.push(e) });
 * const state = replay(events, { untilSeq: 60 });
 * const at = state.at ?? '';
 * // A party may not rule: only the supervisor does.
 * const refused = decide(command('Rule', { actor: 'israel', at }, { disputeId: 'any', ruling: 'mine' }), state);
 * if (!(refused instanceof DomainError) || refused.code !== 'NOT_ALLOWED') throw new Error('a party ruled');
 * // A step the rules allow comes back as the facts to record.
 * const step = decide(command('TakeDeescalationStep', { actor: 'israel', at }, { stepId: 'step-x', kind: 'hotlineCall', cameo: '087', weight: 3 }), state);
 * console.log(refused.message, step instanceof DomainError ? step.code : step.map((f) => f.type));
 */
export function decide(cmd: Command, s: ParleyState, options?: DecideOptions): readonly Fact[] | DomainError {
  const legacy = options?.legacy === true;
  const data = factData(cmd, s, legacy);
  // What the command may not do at all (after the end, by the wrong actor…) comes before what
  // its computed data cannot be (a ladder that has not cooled since).
  if (data instanceof DomainError) return checkGeneral(cmd, s, legacy) ?? data;
  if (options?.validateData !== false) {
    const issues = checkData(COMMAND_EVENTS[cmd.type], data);
    if (issues.length > 0) {
      return fail('INVALID_DATA', `[${cmd.type}] ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    }
  }
  const general = checkGeneral(cmd, s, legacy);
  if (general) return general;
  const specific = checkSpecific(cmd, s);
  if (specific) return specific;
  const f = factOf(cmd, data);
  const machine = checkMachine(f, s);
  if (machine) return machine;
  return [f];
}

/**
 * The data of the command's fact: the command's own, plus what the rules recorded in
 * LogStarted give it: a message's or a dispute's deadline (core/rules.ts), the decay of the
 * ladder's pressure (core/cooling.ts).
 */
function factData(cmd: Command, s: ParleyState, legacy: boolean): Fact['data'] | DomainError {
  if (cmd.type !== 'SendMessage' && cmd.type !== 'RaiseDispute' && cmd.type !== 'CoolLadder') return cmd.data as Fact['data'];
  const field = COMPUTED_FIELDS[cmd.type];
  if (field in cmd.data) {
    // A log without recorded rules recorded the deadline its command gave: nothing to compute it from.
    if (legacy && cmd.type !== 'CoolLadder' && s.meta?.rules === null) return cmd.data as Fact['data'];
    const rule = cmd.type === 'CoolLadder' ? "ladder's cooling rule" : "mechanism's rules";
    return fail('INVALID_DATA', `[${cmd.type}] ${field} is not given: it follows from the ${rule} recorded in LogStarted`);
  }
  if (!s.meta) return fail('NOT_STARTED', `[log] ${cmd.type} before the log started`);
  if (cmd.type === 'CoolLadder') return cooled(cmd.at, s);
  const type = COMMAND_EVENTS[cmd.type];
  if (s.meta.rules === null) {
    return fail('NOT_RECORDED', `[log] this log does not record the mechanism's ${RULE_NAMES[type]} (written before LogStarted v2): ${field} cannot be computed`);
  }
  const due = deadline(s.meta.rules, type, cmd.at);
  if (due === undefined) return fail('INVALID_DATA', `[${cmd.type}] at: not an ISO-8601 UTC instant`);
  return withField(cmd.data, field, due) as Fact['data'];
}

/** How much the ladder's pressure decayed since it was last recorded, by the cooling rule. */
function cooled(at: string, s: ParleyState): Fact['data'] | DomainError {
  const ladder = s.ladder;
  const cooling = s.meta?.ladder.cooling ?? 'none';
  if (!ladder || cooling === 'none') return fail('NOT_ALLOWED', "[ladder] this run's ladder does not cool (cooling: none)");
  const to = parseInstant(at);
  if (to === undefined) return fail('INVALID_DATA', '[CoolLadder] at: not an ISO-8601 UTC instant');
  const delta = coolingDelta(cooling, ladder.machine.context.pressure, parseInstant(ladder.pressureAt) as number, to);
  return delta < 0 ? { delta } : fail('INVALID_TRANSITION', `[ladder] nothing has cooled since ${ladder.pressureAt}`);
}

/**
 * A copy of `data` (every own key, in order) with `key` added last. A `for…in` copy: several
 * times cheaper than an object spread on Node 20, and a message's data is copied per message.
 */
function withField(data: object, key: string, value: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in data) {
    if (!Object.hasOwn(data, k)) continue;
    const v = (data as Record<string, unknown>)[k];
    // An own `__proto__` key (JSON.parse makes them) stays a key: assigned, it would set the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  out[key] = value;
  return out;
}

/** `fact(…)` for the command's event, built directly: no meta object per command. */
function factOf(cmd: Command, data: Fact['data']): Fact {
  const type = COMMAND_EVENTS[cmd.type];
  const f: Record<string, unknown> = { type, v: EVENT_VERSIONS[type], at: cmd.at, actor: cmd.actor, data };
  if (cmd.cause !== undefined) f.cause = cmd.cause;
  return f as Fact;
}

function checkGeneral(cmd: Command, s: ParleyState, legacy: boolean): DomainError | undefined {
  // Most commands happen at the instant of the last event, which was checked when recorded.
  if (cmd.at !== s.at && parseInstant(cmd.at) === undefined) {
    return fail('INVALID_DATA', `[${cmd.type}] at: not an ISO-8601 UTC instant`);
  }
  if (cmd.cause !== undefined && !(Number.isInteger(cmd.cause) && cmd.cause >= 1 && cmd.cause <= s.seq)) {
    return fail('INVALID_DATA', `[log] cause ${cmd.cause} is not an earlier event (the log is at seq ${s.seq})`);
  }
  if (cmd.type === 'StartLog') return checkStart(cmd, s, legacy);
  if (!s.meta) return fail('NOT_STARTED', `[log] ${cmd.type} before the log started`);
  if (s.ended) return fail('ENDED', `[log] ${cmd.type} after the simulation ended`);
  // Most commands happen at the instant of the last event: no need to parse it again then.
  if (s.at !== undefined && s.at !== cmd.at && isLater(s.at, cmd.at)) {
    return fail('TIME_BACKWARDS', `[log] ${cmd.type} at ${cmd.at} is before the last event (${s.at})`);
  }
  if (isLater(cmd.at, s.meta.end)) {
    return fail('ENDED', `[log] ${cmd.type} at ${cmd.at} is after the end of the run (${s.meta.end})`);
  }
  const role = roleOf(s, cmd.actor);
  if (!role) return fail('UNKNOWN_ACTOR', `[log] unknown actor "${cmd.actor}"`);
  if (!ALLOWED[cmd.type].includes(role)) {
    return fail('NOT_ALLOWED', `[${cmd.type}] a ${role} (${cmd.actor}) may not do this`);
  }
  if (NEEDS_ACTIVE_CELL.has(cmd.type)) {
    if (!s.meta.mechanism) return fail('NO_MECHANISM', `[cell] ${cmd.type} needs the cell, and this run has none`);
    if (!s.cell) return fail('CELL_NOT_ACTIVE', `[cell] ${cmd.type} before the cell was proposed`);
    if (!cellActive(s)) {
      return fail('CELL_NOT_ACTIVE', `[cell] ${cmd.type} while the cell is ${JSON.stringify(s.cell.machine.value)}`);
    }
  }
  return undefined;
}

/** Asks the machine the fact would move whether it can (same routing as `evolve`). */
function checkMachine(f: Fact, s: ParleyState): DomainError | undefined {
  const r = routeOf(f);
  if (!r) return undefined;
  switch (r.machine) {
    case 'cell':
      if (!s.cell) return fail('NO_MECHANISM', `[cell] ${f.type}: there is no cell`);
      return compiledCell.can(s.cell.machine, r.event)
        ? undefined
        : fail('INVALID_TRANSITION', `[cell] ${f.type} is not possible while ${JSON.stringify(s.cell.machine.value)}`);
    case 'message': {
      const id = subjectOf(f, r);
      const m = s.messages.get(id);
      if (!m) return fail('UNKNOWN_MESSAGE', `[message] ${id} was never sent`);
      return compiledMessage.can(m.machine, r.event)
        ? undefined
        : fail('INVALID_TRANSITION', `[message] ${f.type} is not possible for ${id} (${String(m.machine.value)})`);
    }
    case 'dispute': {
      const id = subjectOf(f, r);
      const d = s.disputes.get(id);
      if (!d) return fail('UNKNOWN_DISPUTE', `[dispute] unknown dispute ${id}`);
      return compiledDispute.can(d.machine, r.event)
        ? undefined
        : fail('INVALID_TRANSITION', `[dispute] ${f.type} is not possible for ${id} (${String(d.machine.value)})`);
    }
    default: {
      const _exhaustive: never = r;
      return _exhaustive;
    }
  }
}
