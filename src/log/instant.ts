/**
 * Instants in the log are parsed by the core's `parseInstant`, which has a fast path for the
 * exact form Parley writes; this name stays for the log modules that read one per line.
 */
export { parseInstant as instantMs } from '../core/time.js';
