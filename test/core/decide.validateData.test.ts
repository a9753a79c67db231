/**
 * decide's `validateData` option: the catalogue's schema check of a command's data is on by
 * default and can only be turned off explicitly; the rules are checked either way.
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../src/core/commands.js';
import { decide } from '../../src/core/decide.js';
import { DomainError } from '../../src/core/errors.js';
import { activeCell, fold, started, T0 } from './given.js';

const state = fold([started(), activeCell()]);
const send = (messageId: string, to = 'israel') =>
  command('SendMessage', { actor: 'syria', at: T0 }, { messageId, to, track: 'intelligence', kind: 'notification' });
/** 65 characters: one more than an id may have. */
const LONG_ID = `m-${'x'.repeat(63)}`;

describe('decide: validateData', () => {
  it('refuses data the catalogue rejects by default, and when asked to validate', () => {
    for (const options of [undefined, {}, { validateData: true }]) {
      const r = decide(send(LONG_ID), state, options);
      expect(r).toBeInstanceOf(DomainError);
      expect((r as DomainError).code).toBe('INVALID_DATA');
      expect((r as DomainError).message).toMatch(/^\[SendMessage\] data\.messageId: .*not a valid id/);
    }
  });

  it('names every bad field of a command', () => {
    const bad = command('SendMessage', { actor: 'syria', at: T0 }, {
      messageId: 'constructor',
      to: 'israel',
      track: 'nowhere' as 'intelligence',
      kind: 'notification',
      cameo: 'x',
    });
    const r = decide(bad, state) as DomainError;
    expect(r.code).toBe('INVALID_DATA');
    expect(r.message).toMatch(/data\.messageId: .*reserved/);
    expect(r.message).toMatch(/data\.track: /);
    expect(r.message).toMatch(/data\.cameo: /);
  });

  it('with validateData: false, skips the schema check only: valid data gives the same facts', () => {
    const cmd = send('m-1');
    expect(decide(cmd, state, { validateData: false })).toEqual(decide(cmd, state));
  });

  it('with validateData: false, still applies every rule', () => {
    const r = decide(send('m-1', 'syria'), state, { validateData: false }) as DomainError;
    expect(r.code).toBe('NOT_ALLOWED');
    const late = command('AcknowledgeMessage', { actor: 'israel', at: T0 }, { messageId: 'm-9' });
    expect((decide(late, state, { validateData: false }) as DomainError).code).toBe('UNKNOWN_MESSAGE');
    const badTime = command('SendMessage', { actor: 'syria', at: 'noon' }, { messageId: 'm-1', to: 'israel', track: 'intelligence', kind: 'notification' });
    expect((decide(badTime, state, { validateData: false }) as DomainError).code).toBe('INVALID_DATA');
  });

  it('with validateData: false, trusts the caller: data the schema refuses goes through', () => {
    // Why only the simulator, which vouches for its own data, may turn the check off.
    const r = decide(send(LONG_ID), state, { validateData: false });
    expect(r).not.toBeInstanceOf(DomainError);
  });
});
