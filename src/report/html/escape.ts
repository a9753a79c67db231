/**
 * Putting text into HTML safely. The page renders every piece of user text with
 * `textContent` from its embedded JSON; the server side only needs these three: JSON that
 * cannot end its `<script>` element, HTML-escaped text for the few places text is written
 * into the markup itself (the `<title>`), and the CSP hash of an inline script or style.
 */
import { createHash } from 'node:crypto';

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * `value` as JSON safe to place inside `<script type="application/json">`: `<`, `>`, `&` and
 * the line and paragraph separators are written as `\u` escapes (which JSON.parse reads
 * back unchanged), so no `</script>` or `<!--` can appear in it.
 * @example jsonForScript({ name: '</script>' }) // '{"name":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c] as string);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` with the five HTML-significant characters escaped (for text and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** The CSP source that allows exactly this inline script or style: `'sha256-…'`. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}
