/**
 * Text that looks like a scenario file, or like a broken one: the Paris example with random
 * splices of YAML punctuation, anchors, aliases, tags and garbage; YAML-ish token soup; or any
 * string at all (lone surrogates included).
 */
import fc from 'fast-check';
import { PARIS } from '../paris.js';

const TOKENS = [
  ':', ': ', '- ', '? ', '[', ']', '{', '}', ',', '#', '"', "'", '|', '>', '&a ', '*a', '!!str ', '!!binary ',
  '!x ', '---', '...', '%YAML 1.1\n', '\n', '\n  ', '\t', '~', 'null', '1e999', '.nan', '-.inf', '0x1F', '010',
  '__proto__', 'constructor', 'parley', 'timeline', 'incident', 'by', 'at', '\u0000', '\uFEFF', '\uD800', '😀',
];

const token = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }));
const soup = fc.array(token, { maxLength: 60 }).map((parts) => parts.join(''));

/** An edit of the Paris scenario: replace a slice with some YAML-ish text. */
const mutation = fc
  .tuple(fc.nat({ max: PARIS.length }), fc.nat({ max: 40 }), soup)
  .map(([at, drop, insert]) => PARIS.slice(0, at) + insert + PARIS.slice(at + drop));

const mutated = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((edits) => edits[edits.length - 1] ?? PARIS);

/** Strings a scenario loader may be handed. */
export const scenarioText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: mutated, weight: 4 },
    { arbitrary: soup, weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
  );
