/** `parley run --set`: one value per path, the changed scenario run, bad paths refused. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './inProcess.js';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const paris = join(SCENARIOS, 'paris-2026.yaml');
const noCell = join(SCENARIOS, 'paris-2026-no-cell.yaml');

describe('parley run --set', () => {
  it('runs the changed scenario: switching the cell off gives the counterfactual file\'s outcomes', async () => {
    const bySet = JSON.parse((await cli(['run', paris, '--set', 'mechanism.enabled=false', '--json', '--no-out'])).stdout);
    const byFile = JSON.parse((await cli(['run', noCell, '--json', '--no-out'])).stdout);
    expect(bySet.outcomes).toEqual(byFile.outcomes);
    const plain = JSON.parse((await cli(['run', paris, '--json', '--no-out'])).stdout);
    expect(bySet.outcomes).not.toEqual(plain.outcomes);
  });

  it('takes one value per --set, and refuses an unknown path', async () => {
    const many = await cli(['run', paris, '--set', 'mechanism.enabled=true,false', '--no-out']);
    expect([many.code, many.stderr]).toEqual([2, `parley: ${paris}: --set mechanism.enabled: parley run takes one value per --set (use parley sweep for several)\n`]);
    const typo = await cli(['run', paris, '--set', 'mechanism.enabeld=false', '--no-out']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean "enabled"\?/);
  });
});
