/** Text into HTML: JSON that cannot close its script element, escaped markup text, CSP hashes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cspHash, escapeHtml, jsonForScript } from '../../src/report/html/escape.js';

describe('jsonForScript', () => {
  it('never contains <, >, & or a line/paragraph separator, and parses back to the same value', () => {
    const tricky = fc.constantFrom('</script>', '<!--', '-->', '<script>', '\u2028', '\u2029', '&amp;', '</SCRIPT >', ']]>');
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), tricky, fc.tuple(fc.string(), tricky, fc.string()).map((p) => p.join('')));
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.array(text), fc.double({ noNaN: true, noDefaultInfinity: true }))), (value) => {
        const json = jsonForScript(value);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the escapes as \\u003c and friends', () => {
    expect(jsonForScript({ name: '</script><script>alert(2)</script>', a: 'x&y\u2028' })).toBe(
      '{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(2)\\u003c/script\\u003e","a":"x\\u0026y\\u2028"}',
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)"> & 'q'`)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] as string)).toBe(s);
      }),
    );
  });
});

describe('cspHash', () => {
  it("gives the CSP source of a script's exact text (the example from MDN's CSP page)", () => {
    expect(cspHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });
});
