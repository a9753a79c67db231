/** Number formatting for the printed report. */

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

/** PASS/FAIL with how far from the target, e.g. "FAIL (0.62× of target)". */
export function verdict(pass: boolean, value: number, target: number, higherIsBetter: boolean): string {
  const r = higherIsBetter ? value / target : target / value;
  return `${pass ? 'PASS' : 'FAIL'} (${r.toFixed(2)}× ${higherIsBetter ? 'of target' : 'of budget headroom'})`;
}
