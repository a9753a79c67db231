import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario, parseScenarioBytes } from '../../src/scenario/load.js';
import { scenarioText } from './arbitraries/scenarioText.js';

describe('the loader never throws', () => {
  it('on arbitrary text: it returns a scenario or located issues', () => {
    fc.assert(
      fc.property(scenarioText(), (text) => {
        const result = parseScenario(text, 'x.yaml');
        if (result.ok) return;
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.col).toBeGreaterThanOrEqual(1);
          expect(formatIssue(issue)).not.toContain('\n');
        }
      }),
      { numRuns: 250 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = parseScenarioBytes(bytes, 'x.bin');
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
