/**
 * How the `parley` process sets up V8's heap before it runs anything: one flag, turned off.
 *
 * V8 watches each allocation site and, once most objects from a site survive, "pretenures"
 * it: allocates its objects straight into the old generation. A simulation keeps almost
 * every entity view it creates (incidents, messages, disputes, observations), so those
 * sites get pretenured. The views then land on fresh old-generation pages from the
 * simulator's own thread, and every fresh page is a page fault taken right there (on the
 * 2-core VMs we measure on, ~15 µs per 4 KiB page); they also point at young objects (ids,
 * machine snapshots) that the scavenger must track from the old generation.
 * Without pretenuring the views are born young and promoted by the scavenger, whose
 * parallel helpers take those page faults on both cores.
 *
 * Measured on the simulator benchmark's workload (bench/sim), in alternating processes:
 * the simulation's own thread spent 14% less CPU time and the wall time fell by about 9%;
 * the garbage collector itself worked more (about 0.5 s of 4.5), the rest of the thread
 * about 1 s less. The flag holds for every command; `parley replay` keeps its state the
 * same way but was not measured with it. It changes only where V8 places objects: every
 * result is the same bytes either way (the benchmark checks the log's hash).
 *
 * Set from the entry point before any simulation code runs (V8 consults the flag whenever
 * a garbage collection weighs its pretenuring feedback, so it takes effect for the whole
 * run); the benchmark's simulator child calls this too, so it times what `parley run` does.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags {@link tuneHeap} sets. */
export const HEAP_FLAGS = '--no-allocation-site-pretenuring';

/** Applies {@link HEAP_FLAGS} to this process's V8. */
export function tuneHeap(): void {
  setFlagsFromString(HEAP_FLAGS);
}
