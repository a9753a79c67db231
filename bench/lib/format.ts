/** Number formatting for the printed report. */
import { cpuRate, median, rate, spread, type Timing } from './measure.js';

/** 1234567 → "1,234,567". */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Events per second, e.g. "1.23 M ev/s" or "456 k ev/s". */
export function perSec(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M ev/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k ev/s`;
  return `${n.toFixed(0)} ev/s`;
}

/** A ratio, e.g. "0.42×" or "1,234×". */
export function ratio(n: number): string {
  return n >= 100 ? `${int(n)}×` : `${n.toFixed(n >= 10 ? 1 : 2)}×`;
}

/** Microseconds per event. */
export function usPerEvent(eventsPerSec: number): string {
  const us = 1e6 / eventsPerSec;
  return us >= 10 ? `${us.toFixed(1)} µs/ev` : us >= 1 ? `${us.toFixed(2)} µs/ev` : `${(us * 1000).toFixed(0)} ns/ev`;
}

/** Megabytes (10^6 bytes) with one decimal. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The header of a table of {@link timingRow}s. */
export function timingHeader(first: string): string {
  return `  ${first.padEnd(44)}${'events'.padStart(10)}${'median ms'.padStart(11)}${'rate'.padStart(14)}${'per event'.padStart(12)}${'noise'.padStart(7)}${'rate by CPU'.padStart(15)}`;
}

/** One timed variant: median wall-clock rate and cost per event, spread, median CPU-time rate. */
export function timingRow(label: string, t: Timing): string {
  const j = timingJson(t);
  return `  ${label.padEnd(44)}${int(t.events).padStart(10)}${j.medianMs.toFixed(1).padStart(11)}${perSec(j.eventsPerSec).padStart(14)}${usPerEvent(j.eventsPerSec).padStart(12)}${`±${(50 * j.spread).toFixed(0)}%`.padStart(7)}${perSec(j.cpuEventsPerSec).padStart(15)}`;
}

/** A timed variant's numbers for the JSON line. */
export function timingJson(t: Timing): { events: number; medianMs: number; eventsPerSec: number; cpuEventsPerSec: number; spread: number; ms: readonly number[]; cpuMs: readonly number[] } {
  const round = (x: number): number => Number(x.toFixed(1));
  return {
    events: t.events,
    medianMs: round(median(t.ms)),
    eventsPerSec: Math.round(rate(t)),
    cpuEventsPerSec: Math.round(cpuRate(t)),
    spread: Number(spread(t).toFixed(3)),
    ms: t.ms.map(round),
    cpuMs: t.cpuMs.map(round),
  };
}
