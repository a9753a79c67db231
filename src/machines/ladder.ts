/**
 * The escalation ladder of the relationship: ordered levels (by default `calm, tension,
 * crisis, armedIncident, conflict`) over a pressure score. Hostile incidents add pressure
 * (minus their Goldstein weight), cooperative acts, settlements and rulings relieve it, and
 * it decays with time (the `cooling` rule: core/cooling.ts, recorded as `LadderCooled`); the
 * level is the highest whose threshold the pressure has reached. Levels are configurable, so
 * the machine is built from the configuration recorded in the log's first event.
 */
import { assign, setup } from 'xstate';
import type { LadderConfig } from '../core/catalogue.js';

export interface LadderContext {
  readonly pressure: number;
}

export type LadderMachineEvent = { type: 'PRESSURE'; delta: number };

/** How fast the default ladder cools: its pressure halves in this time while nothing raises it. */
export const DEFAULT_HALF_LIFE = 'P30D';

/** The default ladder: five levels, pressure thresholds, bounds, reliefs and cooling. */
export const DEFAULT_LADDER: LadderConfig = {
  levels: ['calm', 'tension', 'crisis', 'armedIncident', 'conflict'],
  thresholds: [0, 10, 25, 45, 70],
  max: 100,
  reliefOnSettlement: 5,
  reliefOnRuling: 4,
  escalationPenalty: 8,
  cooling: { halfLife: DEFAULT_HALF_LIFE },
};

/** Pressure after applying `delta`, kept within `[0, max]`. */
export function nextPressure(config: LadderConfig, pressure: number, delta: number): number {
  return Math.min(config.max, Math.max(0, pressure + delta));
}

/** Index of the level a pressure value belongs to. */
export function levelIndex(config: LadderConfig, pressure: number): number {
  let i = 0;
  for (let k = 1; k < config.thresholds.length; k++) {
    if (pressure >= (config.thresholds[k] as number)) i = k;
  }
  return i;
}

/** Builds the ladder machine for one configuration. */
export function createLadderMachine(config: LadderConfig) {
  const levels = config.levels;
  const states = Object.fromEntries(
    levels.map((level, i) => [
      level,
      {
        on: {
          PRESSURE: levels.map((target, j) => ({
            guard: { type: 'landsOn' as const, params: { level: j } },
            // Staying on the same level is a targetless transition: no exit/entry.
            ...(j === i ? {} : { target }),
            actions: 'applyPressure' as const,
          })),
        },
      },
    ]),
  );
  return setup({
    types: {} as { context: LadderContext; events: LadderMachineEvent },
    guards: {
      landsOn: ({ context, event }, params: { level: number }) =>
        levelIndex(config, nextPressure(config, context.pressure, event.delta)) === params.level,
    },
    actions: {
      applyPressure: assign({
        pressure: ({ context, event }) => nextPressure(config, context.pressure, event.delta),
      }),
    },
  }).createMachine({
    id: 'ladder',
    initial: levels[0] as string,
    context: { pressure: 0 },
    states,
  });
}

export type LadderMachine = ReturnType<typeof createLadderMachine>;
