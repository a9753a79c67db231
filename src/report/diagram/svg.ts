/**
 * DOT → SVG through Graphviz compiled to WebAssembly (`@viz-js/viz`): a real layout engine
 * that runs offline, in-process, with no native build. The instance is created once (≈ 40 ms)
 * and reused.
 */
import { instance, type Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

/**
 * Lays `dot` out and returns the `<svg>` element as text, without the XML prolog, doctype
 * and comments (so it can be inlined in HTML).
 * @throws {Error} when Graphviz reports an error in the DOT text.
 * @example const svg = await dotToSvg('digraph { a -> b }');
 */
export async function dotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    const messages = result.errors.map((e) => e.message).join('; ');
    throw new Error(`[diagram] Graphviz could not lay the diagram out: ${messages}`);
  }
  const svg = result.output;
  const startAt = svg.indexOf('<svg');
  return `${svg.slice(startAt).replace(/<!--[\s\S]*?-->\n?/g, '').trim()}\n`;
}
