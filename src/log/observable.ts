/**
 * The log as an rxjs stream, for consumers that compose with operators (live reports,
 * the stepper). Cold: each subscription opens and reads the file afresh; unsubscribing stops
 * the read and closes the file.
 */
import { defer, from, type Observable } from 'rxjs';
import type { Recorded } from '../core/catalogue.js';
import { readEvents, type ReadEventsOptions } from './readEvents.js';

/**
 * Emits the events of the log at `path`, then completes; errors with the same typed errors
 * as {@link readEvents}.
 * @example events$('run.jsonl').pipe(filter((e) => e.type === 'DisputeRaised')).subscribe(print);
 */
export function events$(path: string, options: ReadEventsOptions = {}): Observable<Recorded> {
  return defer(() => from(readEvents(path, options)));
}
