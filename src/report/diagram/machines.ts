/**
 * The machines `parley diagram` can draw, by name. The ladder is built from a configuration
 * (its levels are scenario parameters): the default ladder unless a run's own is given.
 */
import type { AnyStateMachine } from 'xstate';
import type { LadderConfig } from '../../core/catalogue.js';
import { cellMachine } from '../../machines/cell.js';
import { disputeMachine } from '../../machines/dispute.js';
import { createLadderMachine, DEFAULT_LADDER } from '../../machines/ladder.js';
import { messageMachine } from '../../machines/message.js';

/** The names of the drawable machines, in the order the report shows them. */
export const MACHINE_NAMES = ['cell', 'message', 'dispute', 'ladder'] as const;
/** One of {@link MACHINE_NAMES}. */
export type MachineName = (typeof MACHINE_NAMES)[number];

/** Whether `name` is one of {@link MACHINE_NAMES}. */
export function isMachineName(name: string): name is MachineName {
  return (MACHINE_NAMES as readonly string[]).includes(name);
}

/**
 * The xstate machine called `name`; `ladder` configures the ladder (default: `DEFAULT_LADDER`).
 * @example machineNamed('ladder', state.meta?.ladder)
 */
export function machineNamed(name: MachineName, ladder: LadderConfig = DEFAULT_LADDER): AnyStateMachine {
  switch (name) {
    case 'cell':
      return cellMachine;
    case 'message':
      return messageMachine;
    case 'dispute':
      return disputeMachine;
    case 'ladder':
      return createLadderMachine(ladder);
    default: {
      const _exhaustive: never = name;
      return _exhaustive;
    }
  }
}
