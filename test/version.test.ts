import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARLEY_VERSION } from '../src/version.js';

describe('PARLEY_VERSION', () => {
  it('equals the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(PARLEY_VERSION).toBe(pkg.version);
  });
});
