/**
 * One error style: every error `src/` throws on purpose is a `ParleyError` with an area and a
 * code, and the CLI maps each area to its exit code in one place. Bare `Error`s are only
 * "cannot happen" assertions, and a few private classes only carry control flow inside one
 * function (never out of it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckFailedError, describeFailure, EXIT, InputError } from '../../src/cli/errors.js';
import { CanonicalJsonError } from '../../src/core/canonical.js';
import { DomainError, ParleyError, ReplayError, UsageError } from '../../src/core/errors.js';
import { ForkError } from '../../src/explore/forkError.js';
import { RowFileError } from '../../src/explore/resume.js';
import { SetPathError } from '../../src/explore/setPath.js';
import { ShardError } from '../../src/explore/shard.js';
import { ConflictError, FactError, LockError, LogError, LogFormatError, LogIoError, WriterClosedError } from '../../src/log/errors.js';
import { MachineCompileError } from '../../src/machines/compiled/errors.js';
import { InvariantViolation } from '../../src/testing/checkEveryPrefix.js';
import { PolicyViolation } from '../../src/testing/policyContract.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** Every error class src/ throws, by name. */
const CLASSES: Readonly<Record<string, abstract new (...args: never[]) => unknown>> = {
  CanonicalJsonError,
  CheckFailedError,
  ConflictError,
  FactError,
  ForkError,
  InputError,
  InvariantViolation,
  LockError,
  LogError,
  LogFormatError,
  LogIoError,
  MachineCompileError,
  PolicyViolation,
  ReplayError,
  RowFileError,
  SetPathError,
  ShardError,
  UsageError,
  WriterClosedError,
};

/** Private classes that carry control flow within one function and are always caught there. */
const CONTROL_FLOW = new Set(['Unserialisable', 'Stop', 'UsageProblem']);

/** The code of a source file, without comment lines (TSDoc examples throw to show failure). */
const code = (file: string): string =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/)/.test(line))
    .join('\n');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the error set', () => {
  it('every class src/ throws is a ParleyError, a bare Error assertion, or private control flow', () => {
    const thrown = new Set<string>();
    for (const file of sources(SRC)) {
      for (const m of code(file).matchAll(/throw new (\w+)\(/g)) thrown.add(m[1] as string);
    }
    expect(thrown.size).toBeGreaterThan(10);
    for (const name of thrown) {
      if (name === 'Error' || CONTROL_FLOW.has(name)) continue;
      const cls = CLASSES[name];
      expect(cls, `${name} is thrown in src/ but is not in this test's list of Parley errors`).toBeDefined();
      expect((cls as { prototype: unknown }).prototype instanceof ParleyError, `${name} is not a ParleyError`).toBe(true);
    }
  });

  it('bare Errors are assertions: each names its place and the broken assumption', () => {
    for (const file of sources(SRC)) {
      for (const m of code(file).matchAll(/throw new Error\(\s*[`'](.*)/g)) {
        expect(m[1], file).toMatch(/^\[\w+\]|^the page has no/);
      }
    }
  });

  it('DomainError is a value with the same area, code and message as the thrown ones', () => {
    const e = new DomainError('NOT_ALLOWED', '[dispute] x may not rule');
    expect(e).toMatchObject({ area: 'domain', code: 'NOT_ALLOWED', message: '[dispute] x may not rule' });
    expect(e).not.toBeInstanceOf(Error);
  });
});

describe('describeFailure: one place from error to exit code', () => {
  const cases: Array<[string, unknown, number]> = [
    ['usage', new UsageError('--until-seq: expected a number'), EXIT.usage],
    ['a --set path', new SetPathError('path "x": no such key'), EXIT.usage],
    ['a scenario', new InputError({ file: 's.yaml', line: 3, col: 1, what: 'horizon: bad' }, 'scenario'), EXIT.usage],
    ['a failed check', new CheckFailedError('expectations failed'), EXIT.checkFailed],
    ['a log that fails verification', new LogFormatError('a.jsonl', 10, 'hash-mismatch', 'hash differs'), EXIT.checkFailed],
    ['an unreadable log', new LogFormatError('a.jsonl', 1, 'encoding', 'not UTF-8'), EXIT.usage],
    ['a missing file', new LogIoError('a.jsonl', 'cannot read', 'ENOENT'), EXIT.usage],
    ['a log whose content the rules refuse', new ReplayError(12, '[dispute] unknown dispute d-1'), EXIT.checkFailed],
    ['a stale writer', new ConflictError('a.jsonl', 3, 4), EXIT.usage],
    ['a fact Parley made wrong', new FactError(3, 'bad'), EXIT.internal],
    ['a value with no JSON form', new CanonicalJsonError('data.x', 'NaN'), EXIT.internal],
    ['a machine Parley cannot compile', new MachineCompileError('MACHINE_INVALID', '[machines] bad'), EXIT.internal],
    ['anything else', new TypeError('x is undefined'), EXIT.internal],
  ];
  for (const [what, error, code] of cases) {
    it(`${what} → exit ${code}`, () => {
      const f = describeFailure(error);
      expect(f.exitCode).toBe(code);
      expect(f.internal).toBe(code === EXIT.internal);
      for (const line of f.lines) expect(line).not.toMatch(/\n/);
    });
  }

  it('an input error prints one located line per problem', () => {
    const f = describeFailure(new InputError([{ file: 's.yaml', line: 3, col: 5, what: 'a' }, { file: 's.yaml', what: 'b' }]));
    expect(f.lines).toEqual(['s.yaml:3:5: a', 's.yaml: b']);
  });
});
