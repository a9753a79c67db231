/** Any event of the cell machine. */
import fc from 'fast-check';
import { TRACKS } from '../../../src/core/catalogue.js';
import type { CellMachineEvent, TrackSignal } from '../../../src/machines/cell.js';

const SIGNALS: readonly TrackSignal[] = ['ENGAGE', 'STRAIN', 'EASE', 'QUIET'];
const lifecycle = [
  'ESTABLISH',
  'ACTIVATE',
  'SUSPEND',
  'RESUME',
  'DISSOLVE',
  'REQUEST_MEETING',
  'CLOSE_MEETING',
] as const;

/** Every cell event, OPEN_MEETING in both kinds: the sample set for exhaustive walks. */
export const CELL_EVENTS: readonly CellMachineEvent[] = [
  ...lifecycle.map((type) => ({ type })),
  { type: 'OPEN_MEETING', kind: 'regular' },
  { type: 'OPEN_MEETING', kind: 'extraordinary' },
  ...TRACKS.flatMap((track) => SIGNALS.map((s) => ({ type: `${track}.${s}` as const }))),
];

/** One cell event; DISSOLVE is rare so that runs live long enough to reach deep states. */
export const cellEvent: fc.Arbitrary<CellMachineEvent> = fc.oneof(
  { arbitrary: fc.constantFrom(...CELL_EVENTS.filter((e) => e.type !== 'DISSOLVE')), weight: 30 },
  { arbitrary: fc.constant<CellMachineEvent>({ type: 'DISSOLVE' }), weight: 1 },
);
