/**
 * The communication cell itself (one per mechanism).
 *
 * `proposed → established → active ⇄ suspended → dissolved`. Inside `active`, one parallel
 * region per track (`dormant / engaged / strained`) and one for meetings (regular ones on a
 * cadence, extraordinary ones only after a request). Resuming after a suspension starts the
 * tracks afresh: traffic has to re-engage them, which is what happened to the 2015 US–Russia
 * air-safety line after its 2017 suspension.
 */
import { assign, setup } from 'xstate';
import type { Track } from '../core/catalogue.js';

export interface CellContext {
  readonly meetings: number;
  readonly suspensions: number;
}

export type TrackSignal = 'ENGAGE' | 'STRAIN' | 'EASE' | 'QUIET';

export type CellMachineEvent =
  | { type: 'ESTABLISH' }
  | { type: 'ACTIVATE' }
  | { type: 'SUSPEND' }
  | { type: 'RESUME' }
  | { type: 'DISSOLVE' }
  | { type: 'REQUEST_MEETING' }
  | { type: 'OPEN_MEETING'; kind: 'regular' | 'extraordinary' }
  | { type: 'CLOSE_MEETING' }
  | { type: `${Track}.${TrackSignal}` };

/** Builds the region of one track; its events are namespaced by the track's name. */
function trackRegion<T extends Track>(track: T) {
  return {
    initial: 'dormant' as const,
    states: {
      dormant: {
        on: { [`${track}.ENGAGE`]: 'engaged', [`${track}.STRAIN`]: 'strained' },
      },
      engaged: {
        on: { [`${track}.STRAIN`]: 'strained', [`${track}.QUIET`]: 'dormant' },
      },
      strained: {
        on: { [`${track}.EASE`]: 'engaged' },
      },
    },
  };
}

/**
 * The cell: `proposed → established → active ⇄ suspended → dissolved`; inside `active`, a
 * parallel region per track (`dormant / engaged / strained`) and one for meetings.
 */
export const cellMachine = setup({
  types: {} as { context: CellContext; events: CellMachineEvent },
  guards: {
    isRegular: ({ event }) => event.type === 'OPEN_MEETING' && event.kind === 'regular',
    isExtraordinary: ({ event }) => event.type === 'OPEN_MEETING' && event.kind === 'extraordinary',
  },
  actions: {
    countMeeting: assign({ meetings: ({ context }) => context.meetings + 1 }),
    countSuspension: assign({ suspensions: ({ context }) => context.suspensions + 1 }),
  },
}).createMachine({
  id: 'cell',
  initial: 'proposed',
  context: { meetings: 0, suspensions: 0 },
  states: {
    proposed: {
      on: { ESTABLISH: 'established', DISSOLVE: 'dissolved' },
    },
    established: {
      on: { ACTIVATE: 'active', DISSOLVE: 'dissolved' },
    },
    active: {
      type: 'parallel',
      on: {
        SUSPEND: { target: 'suspended', actions: 'countSuspension' },
        DISSOLVE: 'dissolved',
      },
      states: {
        intelligence: trackRegion('intelligence'),
        deescalation: trackRegion('deescalation'),
        diplomatic: trackRegion('diplomatic'),
        commercial: trackRegion('commercial'),
        meetings: {
          initial: 'idle',
          states: {
            idle: {
              on: {
                OPEN_MEETING: { guard: 'isRegular', target: 'regular' },
                REQUEST_MEETING: 'requested',
              },
            },
            requested: {
              on: {
                OPEN_MEETING: [
                  { guard: 'isExtraordinary', target: 'extraordinary' },
                  { guard: 'isRegular', target: 'regular' },
                ],
              },
            },
            regular: {
              entry: 'countMeeting',
              on: { CLOSE_MEETING: 'idle' },
            },
            extraordinary: {
              entry: 'countMeeting',
              on: { CLOSE_MEETING: 'idle' },
            },
          },
        },
      },
    },
    suspended: {
      on: { RESUME: 'active', DISSOLVE: 'dissolved' },
    },
    dissolved: { type: 'final' },
  },
});
