/**
 * A log written before LogStarted's schema changed still works: test/fixtures/logs/v1/ holds
 * a real log written by `parley run scenarios/late-warning-il20.yaml` with LogStarted v1, and
 * `parley replay --json` of it as that version printed it (and sample.jsonl, the log format
 * tests' fixture as v1 wrote it). Never regenerate these files: they stand for every log
 * users already have.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvent, type Fact, type Recorded } from '../../src/core/catalogue.js';
import { command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { Replayer } from '../../src/core/replay.js';
import { stateToJSON } from '../../src/core/state.js';
import { appendToLog } from '../../src/log/append.js';
import { readEvents } from '../../src/log/readEvents.js';
import { verifyLog } from '../../src/log/verify.js';

const V1 = new URL('../fixtures/logs/v1/', import.meta.url).pathname;
const LOG = join(V1, 'late-warning-il20.jsonl');
const snapshot = JSON.parse(readFileSync(join(V1, 'late-warning-il20.state.json'), 'utf8'));

async function replayFile(path: string) {
  const r = new Replayer();
  const events: Recorded[] = [];
  for await (const e of readEvents(path, { verifyHashes: true })) {
    events.push(e);
    r.push(e);
  }
  return { state: r.state(), events };
}

describe('a log written with LogStarted v1', () => {
  it('still verifies', async () => {
    expect(await verifyLog(LOG)).toMatchObject({ ok: true, events: 90, lastSeq: 90 });
  });

  it('passes verify --deep: judged as its version wrote it, its deadlines the ones its commands gave', async () => {
    expect(await verifyLog(LOG, { deep: true })).toMatchObject({ ok: true, events: 90 });
    // Only a log without recorded rules takes a deadline from the command, and only when re-deciding what it holds.
    const r = new Replayer();
    for await (const e of readEvents(LOG)) if (e.seq < 90) r.push(e);
    const at = r.peek().at as string;
    const send = command('SendMessage', { actor: 'israel', at }, { messageId: 'm-new', to: 'russia', track: 'deescalation', kind: 'notification', ackBy: at } as never);
    expect(decide(send, r.peek(), { legacy: true })).toMatchObject([{ type: 'MessageSent', data: { ackBy: at } }]);
    expect(decide(send, r.peek())).toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/ackBy is not given/) });
  });

  it('replays to the state that version printed, its first event read as the current version with what v1 did not record marked so', async () => {
    const { state, events } = await replayFile(LOG);
    const v1 = snapshot.meta;
    // A ladder before LogStarted v3 did not cool.
    const upcast = { ...v1, scenario: { ...v1.scenario, source: null }, overrides: [], rules: null, ladder: { ...v1.ladder, cooling: 'none' } };
    // The fold now also keeps why the run ended (added with the run limits), and each message's
    // machine whether it was lost (added when lost messages began to go overdue).
    const messages = Object.fromEntries(
      Object.entries(snapshot.messages as Record<string, { lostAt?: string; machine: { context: object } }>).map(([id, m]) => [
        id,
        { ...m, machine: { ...m.machine, context: { ...m.machine.context, lost: m.lostAt !== undefined } } },
      ]),
    );
    // Incidents now keep the retaliations planned for them, and the counters the consequential
    // misunderstandings caught (added with the retaliation plans; a v1 log records none).
    const incidents = Object.fromEntries(Object.entries(snapshot.incidents as Record<string, object>).map(([id, i]) => [id, { ...i, plans: {} }]));
    const byType = { ...snapshot.counters.byType, RetaliationPlanned: 0, RetaliationHeld: 0, RetaliationCalledOff: 0, LadderCooled: 0, ParametersChanged: 0 };
    const counters = { ...snapshot.counters, byType, consequentialMisunderstandingsCaught: 0 };
    // The ladder now keeps when its pressure was last recorded (cooling runs from there): the
    // last event that changed the pressure.
    const r = new Replayer();
    let pressureAt: string | undefined;
    for (const e of events) {
      const before = r.peek().ladder?.machine.context.pressure;
      r.push(e);
      if (e.type === 'LogStarted' || r.peek().ladder?.machine.context.pressure !== before) pressureAt = e.at;
    }
    const ladder = { ...snapshot.ladder, pressureAt };
    expect(JSON.parse(JSON.stringify(stateToJSON(state)))).toEqual({ ...snapshot, messages, incidents, counters, ladder, meta: upcast, endReason: 'horizon' });
    expect(events[0]).toMatchObject({ type: 'LogStarted', v: 3, data: { rules: null, overrides: [], scenario: { source: null }, ladder: { cooling: 'none' } } });
    // Nothing but the first event changed version.
    expect(events.slice(1).every((e) => e.v === 1)).toBe(true);
  });

  it('parseEvent upcasts a v1 LogStarted line, and still words what is wrong with a bad one', () => {
    const line = JSON.parse(readFileSync(LOG, 'utf8').split('\n')[0] as string);
    const parsed = parseEvent(line);
    expect(parsed.ok && parsed.value.type === 'LogStarted' && parsed.value.data.rules).toBe(null);
    const bad = parseEvent({ ...line, data: { ...line.data, seed: -1 } });
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'data.seed' }] });
    // A v1 event cannot carry v2 fields: it is not silently read as v2.
    const mixed = parseEvent({ ...line, data: { ...line.data, rules: null } });
    expect(mixed).toMatchObject({ ok: false, issues: [{ path: 'data' }] });
    expect(parseEvent({ ...line, v: 4 })).toMatchObject({ ok: false, issues: [{ path: 'v', message: 'LogStarted has schema version 3, not 4' }] });
  });

  it('decide cannot compute a deadline its log never recorded, and says so', async () => {
    const r = new Replayer();
    const lines = readFileSync(LOG, 'utf8').split('\n').filter((l) => l !== '').slice(0, -1);
    for await (const e of readEvents(LOG)) if (e.seq <= lines.length) r.push(e);
    const send = command('SendMessage', { actor: 'israel', at: r.peek().at as string }, { messageId: 'm-new', to: 'russia', track: 'deescalation', kind: 'notification' });
    const refused = decide(send, r.peek());
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'NOT_RECORDED', message: expect.stringMatching(/acknowledgement deadline \(written before LogStarted v2\)/) });
    // What needs no recorded rule is decided as ever.
    const step = command('TakeDeescalationStep', { actor: 'israel', at: r.peek().at as string }, { stepId: 'step-y', kind: 'hotlineCall', cameo: '087', weight: 3 });
    expect(decide(step, r.peek())).not.toBeInstanceOf(DomainError);
  });

  it('reads as the current version through the reader every command uses', async () => {
    const first = await readEvents(LOG).next();
    expect(first.value).toMatchObject({ type: 'LogStarted', v: 3, data: { rules: null, ladder: { cooling: 'none' } } });
  });

  it('the v1 sample log of the log format tests still verifies', async () => {
    expect(await verifyLog(join(V1, 'sample.jsonl'))).toMatchObject({ ok: true, events: 7 });
  });

  it('can be continued with appendToLog: appending its last fact again to the rest gives the same bytes', async () => {
    const lines = readFileSync(LOG, 'utf8').split('\n').filter((l) => l !== '');
    const dir = mkdtempSync(join(tmpdir(), 'parley-v1-'));
    const path = join(dir, 'cut.jsonl');
    writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n`);
    const { seq: _seq, hash: _hash, ...last } = JSON.parse(lines.at(-1) as string) as Recorded;
    const end = await appendToLog(path, [last as Fact], { expectedSeq: 89 });
    expect(end.seq).toBe(90);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(LOG, 'utf8'));

    // A new fact in the middle of the old run folds and verifies too.
    const copy = join(dir, 'more.jsonl');
    writeFileSync(copy, `${lines.slice(0, -1).join('\n')}\n`);
    const step = { type: 'DeescalationStepTaken', v: 1, at: '2018-10-13T00:00:00Z', actor: 'israel', data: { stepId: 'step-x', kind: 'hotlineCall', cameo: '087', weight: 3 } };
    await appendToLog(copy, [step as Fact, last as Fact], { expectedSeq: 89 });
    expect(await verifyLog(copy)).toMatchObject({ ok: true, events: 91 });
    const { state } = await replayFile(copy);
    expect(state.steps.get('step-x')).toMatchObject({ by: 'israel', weight: 3 });
    expect(state.ended).toBe(true);
  });
});
