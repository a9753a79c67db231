import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario, type LocatedIssue } from '../../src/scenario/load.js';
import { tagTimelineEntry } from '../../src/scenario/timeline.js';
import { PARIS } from './paris.js';

/** Formatted issues of a text that must fail. */
function problems(text: string): string[] {
  const result = parseScenario(text, 's.yaml');
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.issues.map(formatIssue);
}

/** `line:col` (1-based) of the `nth` occurrence of `needle`, independently of the loader. */
function pos(text: string, needle: string, nth = 0): string {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before[before.length - 1] ?? '').length + 1}`;
}

function patch(from: string, to: string): string {
  if (!PARIS.includes(from)) throw new Error(`"${from}" not in PARIS`);
  return PARIS.replace(from, to);
}

describe('parseScenario on a valid file', () => {
  const result = parseScenario(PARIS, 'paris.yaml');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  const s = result.scenario;

  it('keeps what the file says', () => {
    expect(s.name).toBe('Paris 2026 joint fusion mechanism');
    expect(s.seed).toBe(42);
    expect(s.parties.syria?.policy).toEqual({
      kind: 'generous-tit-for-tat',
      generosity: 0.33,
      ackDelay: 'PT6H',
      answerDelay: 'PT6H',
      disputeThreshold: 0.3,
      // settle has no default here: the simulator uses the policy kind's own.
      retaliationDelay: 'PT12H',
    });
    expect(s.weights).toEqual({ '195': -9.5 });
  });

  it('applies every default', () => {
    expect(s.supervisor.policy).toEqual({ kind: 'active', intervene: 1 });
    expect(s.supervisor.mediation).toEqual({ responseTime: 'P2D', rulingAccepted: 0.8, factFinding: 'P3D' });
    expect(s.mechanism.referral).toBe(true);
    expect(s.mechanism.meetings).toEqual({ every: 'P30D', extraordinaryOnRequest: true, standingIncidentAgenda: true });
    expect(s.fog).toEqual({ misattribution: 0.1, severityNoise: 0.2, messageLoss: 0.01, deliveryDelay: 'PT0S' });
    expect(s.ladder).toEqual({
      levels: ['calm', 'tension', 'crisis', 'armedIncident', 'conflict'],
      thresholds: [0, 10, 25, 45, 70],
      max: 100,
      reliefOnSettlement: 5,
      reliefOnRuling: 4,
      escalationPenalty: 8,
      cooling: { halfLife: 'P30D' },
    });
    expect(s.game).toBeUndefined();
    const dispute = s.timeline.map(tagTimelineEntry).find((e) => e.kind === 'dispute');
    expect(dispute?.event).toMatchObject({ id: 'd-1', track: 'deescalation' });
  });

  it('sorts the timeline by time, whatever the file order', () => {
    const ids = s.timeline.map(tagTimelineEntry).map((e) => ('id' in e.event ? e.event.id : e.kind));
    expect(ids).toEqual(['inc-1', 'm-1', 'd-1', 'step-1', 'meeting', 'withdraw']);
  });

  it('returns the source and the SHA-256 of its bytes', () => {
    expect(result.source).toBe(PARIS);
    expect(result.hash).toBe(createHash('sha256').update(PARIS, 'utf8').digest('hex'));
  });

  it('keeps unquoted CAMEO keys as written (010 is not 10)', () => {
    const r = parseScenario(patch('  "195": -9.5', '  010: -1\n  0871: 8'), 's.yaml');
    expect(r.ok && r.scenario.weights).toEqual({ '010': -1, '0871': 8 });
  });
});

describe('parseScenario locates every problem', () => {
  it('an unknown key, with a did-you-mean, at the key', () => {
    const text = patch('ackDeadline: PT24H', 'ackDeadlin: PT24H');
    expect(problems(text)).toEqual([
      `s.yaml:19:3: mechanism.ackDeadlin: unknown key "ackDeadlin"; did you mean "ackDeadline"?`,
    ]);
  });

  it('an unknown key with no close match lists the allowed keys', () => {
    const [first] = problems(patch('seed: 42', 'seed: 42\ncolour: blue'));
    expect(first).toBe(
      's.yaml:12:1: colour: unknown key "colour" (expected one of: parley, name, description, start, horizon, seed, parties, supervisor, mechanism, fog, ladder, weights, incidentKinds, generators, timeline, game, expect)',
    );
  });

  it('a wrong type deep inside the timeline, at the value', () => {
    const text = patch('where: buffer zone }', 'where: buffer zone, severity: high }');
    expect(problems(text)).toEqual([
      `s.yaml:${pos(text, 'high')}: timeline[0].incident.severity: expected a number, found the string "high"`,
    ]);
  });

  it('a month-based duration', () => {
    expect(problems(patch('horizon: P180D', 'horizon: P6M'))).toEqual([
      's.yaml:10:10: horizon: "P6M": months and years have no fixed length; write days or weeks instead (P30D, P52W)',
    ]);
  });

  it('an impossible instant', () => {
    expect(problems(patch('start: 2026-01-06T00:00:00Z', 'start: 2026-02-30T00:00:00Z'))).toEqual([
      's.yaml:9:8: start: "2026-02-30T00:00:00Z" is not a UTC instant (expected e.g. 2026-01-06T00:00:00Z; a real date, in UTC)',
    ]);
  });

  it('an undeclared party', () => {
    const text = patch('against: syria, where', 'against: syrai, where');
    expect(problems(text)).toEqual([
      `s.yaml:${pos(text, 'syrai')}: timeline[0].incident.against: unknown party "syrai"; did you mean "syria"? (declared: syria, israel)`,
    ]);
  });

  it('a dispute over an incident that is not in the timeline', () => {
    const text = patch('over: inc-1', 'over: inc-7');
    expect(problems(text)).toEqual([
      `s.yaml:${pos(text, 'inc-7')}: timeline[1].dispute.over: no incident "inc-7" in the timeline; did you mean "inc-1"?`,
    ]);
  });

  it('a missing field, at the key of the mapping that lacks it', () => {
    const text = patch('generosity: 0.33, ', '');
    expect(problems(text)).toEqual([
      `s.yaml:${pos(text, 'policy')}: parties.syria.policy.generosity: missing; expected a number`,
    ]);
  });

  it('a missing or wrong format version, saying what was expected', () => {
    expect(problems(patch('parley: 1\n', ''))).toEqual([
      's.yaml:4:1: parley: missing "parley: 1": a scenario declares its format version on its first line',
    ]);
    expect(problems(patch('parley: 1', 'parley: 2'))).toEqual([
      's.yaml:4:9: parley: unsupported format version 2: this Parley reads "parley: 1"',
    ]);
  });

  it('an unquoted CAMEO code value', () => {
    const text = patch('cameo: "195" }', 'cameo: 195 }');
    expect(problems(text)).toEqual([
      `s.yaml:${pos(text, '195 }')}: generators[0].cameo: expected a CAMEO code as a quoted string such as "195" (2-4 digits)`,
    ]);
  });

  it('several problems at once, in file order', () => {
    const text = patch('horizon: P180D', 'horizon: P1Y')
      .replace('ackDeadline: PT24H', 'ackDeadline: soon')
      .replace('against: syria, where', 'against: damascus, where');
    const found = problems(text);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^s\.yaml:10:10: horizon: /);
    expect(found[1]).toMatch(/^s\.yaml:19:16: mechanism\.ackDeadline: "soon" is not an ISO-8601 duration/);
    expect(found[2]).toBe(
      `s.yaml:${pos(text, 'damascus')}: timeline[0].incident.against: unknown party "damascus" (declared: syria, israel)`,
    );
  });

  it('a YAML syntax error, at its position', () => {
    expect(problems(patch('name: Paris 2026 joint fusion mechanism', 'name: Paris: 2026'))).toEqual([
      's.yaml:5:7: YAML: Nested mappings are not allowed in compact mappings',
    ]);
  });

  it('every YAML error, not just the first', () => {
    const found = problems('parley: 1\nname: a: b\nseed: 1\nseed: 2\n');
    expect(found).toEqual([
      's.yaml:2:7: YAML: Nested mappings are not allowed in compact mappings',
      's.yaml:4:1: YAML: this key appears twice in the same mapping',
    ]);
  });
});

describe('parseScenario refuses hostile or broken input', () => {
  it('an alias bomb, at the first alias', () => {
    const bomb = [
      'parley: 1',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const found = problems(bomb);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^s\.yaml:3:8: too many alias expansions \(limit 100\)/);
  });

  it('prototype keys anywhere, before any object is built', () => {
    const text = patch('  israel:', '  __proto__: { name: X, policy: { kind: hawk, constructor: 1 } }\n  israel:');
    expect(problems(text)).toEqual([
      `s.yaml:${pos(text, '__proto__')}: "__proto__" is not allowed as a key`,
      `s.yaml:${pos(text, 'constructor')}: "constructor" is not allowed as a key`,
    ]);
    expect(problems('parley: 1\nprototype: 2\n')).toEqual(['s.yaml:2:1: "prototype" is not allowed as a key']);
  });

  it('tags that would build non-JSON values', () => {
    expect(problems(patch('seed: 42', 'seed: !!binary aGk='))).toEqual([
      's.yaml:11:16: the tag !!binary is not allowed in a scenario',
    ]);
  });

  it('dangling and self-containing aliases', () => {
    expect(problems('parley: 1\nname: *nope\n')).toEqual([
      's.yaml:2:7: unknown alias *nope: define &nope before using it',
    ]);
    expect(problems('parley: 1\nname: &a [1, *a]\n')).toEqual(['s.yaml:2:14: alias *a refers to a node that contains it']);
  });

  it('collection keys', () => {
    expect(problems('parley: 1\n? [a, b]\n: 1\n')).toEqual([
      's.yaml:2:3: keys must be plain text (not lists, mappings, aliases or tagged values)',
    ]);
  });

  it('an empty file, or one with only comments', () => {
    const empty = ['s.yaml:1:1: the file is empty: a scenario starts with "parley: 1"'];
    expect(problems('')).toEqual(empty);
    expect(problems('# nothing yet\n\n')).toEqual(empty);
  });

  it('a root that is not a mapping', () => {
    expect(problems('# header\n- a\n- b\n')).toEqual([
      's.yaml:2:1: a scenario is a mapping of keys (parley: 1, name: …), not a list',
    ]);
    expect(problems('just text')).toEqual([
      's.yaml:1:1: a scenario is a mapping of keys (parley: 1, name: …), not a single value',
    ]);
  });

  it('several documents in one file', () => {
    expect(problems(`${PARIS}---\nparley: 1\n`)).toEqual([
      `s.yaml:47:1: YAML: a scenario file holds one document; remove the second "---" and what follows`,
    ]);
  });

  it('control characters (binary content that happens to be valid UTF-8)', () => {
    expect(problems('parley: 1\nname: a\u0000b\n')).toEqual([
      's.yaml:2:8: the character U+0000 is not allowed in YAML (is this a binary file?)',
    ]);
  });

  it('deep nesting, before the YAML composer can exhaust the stack', () => {
    expect(problems(`parley: 1\nname: ${'['.repeat(5000)}`)).toEqual([
      's.yaml:2:71: nesting too deep: more than 64 levels of [ ] or { }',
    ]);
    expect(problems(`parley: 1\nname:\n${'- '.repeat(5000)}x\n`)).toEqual([
      's.yaml:3:129: nesting too deep: more than 128 columns of indentation',
    ]);
  });

  it('oversized text, without parsing it', () => {
    const found = problems(`parley: 1\n#${'x'.repeat(5 * 1024 * 1024)}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^s\.yaml:0:0: the file is \d+ bytes; a scenario may be at most 262144 bytes/);
  });

  it('caps the number of issues reported', () => {
    const keys = Array.from({ length: 150 }, (_, i) => `extra${i}: 1`).join('\n');
    const result = parseScenario(`${PARIS}${keys}\n`, 's.yaml');
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(101);
    expect(issues[100]?.message).toBe('… and 50 more problems not shown');
  });
});

describe('formatIssue', () => {
  it('prints file:line:col: path: message, dropping an empty path', () => {
    const issue: LocatedIssue = { file: 'a.yaml', line: 3, col: 5, path: 'fog.messageLoss', message: 'must be at most 1' };
    expect(formatIssue(issue)).toBe('a.yaml:3:5: fog.messageLoss: must be at most 1');
    expect(formatIssue({ ...issue, path: '' })).toBe('a.yaml:3:5: must be at most 1');
  });
});

describe('messages stay on one line', () => {
  it('quotes and escapes user text, and cuts it short', () => {
    const found = problems(`${PARIS}"bad\\nkey${'x'.repeat(100)}": 1\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`unknown key "bad\\nkey${'x'.repeat(53)}…"`);
    expect(found[0]).not.toContain('\n');
  });
});
