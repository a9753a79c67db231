/**
 * Fog: how a party observes an incident. Attribution may be wrong (blaming another party,
 * or "world" for unattributed actors such as militias) and severity is perceived with noise.
 */
import type { Rng } from './rng.js';

export interface FogPlan {
  readonly misattribution: number;
  readonly severityNoise: number;
}

export interface Perceived {
  readonly attributedTo: string;
  readonly severity: number;
}

/**
 * The observer's view of an incident by `by` with true `severity`. A misattribution picks
 * uniformly among the other candidates (every party but the observer, and `world`).
 */
export function perceive(
  fog: FogPlan,
  rng: Rng,
  incident: { readonly by: string; readonly severity: number },
  observer: string,
  parties: readonly string[],
): Perceived {
  let attributedTo = incident.by;
  if (rng.chance(fog.misattribution)) {
    const others = [...parties.filter((p) => p !== observer), 'world'].filter((c) => c !== incident.by);
    if (others.length > 0) attributedTo = rng.pick(others);
  }
  let severity = incident.severity;
  if (fog.severityNoise > 0) {
    severity = Math.min(1, Math.max(0.01, severity + fog.severityNoise * rng.normal()));
  }
  // Rounded so logs stay readable and identical across platforms' float printing.
  return { attributedTo, severity: Math.round(severity * 1000) / 1000 };
}
