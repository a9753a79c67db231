/**
 * Errors raised while compiling an xstate machine into a fast interpreter.
 *
 * The compiler supports a deliberate subset of xstate; anything outside it is rejected when
 * the machine is compiled, never at replay time, so that a future edit to a machine cannot
 * make the compiled interpreter silently diverge from xstate.
 */

import { ParleyError } from '../../core/errors.js';

/** Codes carried by {@link MachineCompileError}. */
export type MachineCompileErrorCode = 'MACHINE_UNSUPPORTED' | 'MACHINE_INVALID';

/**
 * A machine definition (or a snapshot handed to a compiled machine) that the compiler cannot
 * honour. The message starts with `[machines]` and names the machine and, when relevant, the
 * state node by its `#id`.
 */
export class MachineCompileError extends ParleyError {
  override readonly name = 'MachineCompileError';
  readonly area = 'domain';
  /** `MACHINE_UNSUPPORTED` for xstate features outside the subset, `MACHINE_INVALID` otherwise. */
  readonly code: MachineCompileErrorCode;
  /** Id of the state node at fault, when there is one. */
  readonly stateId: string | undefined;

  constructor(code: MachineCompileErrorCode, message: string, stateId?: string) {
    super(message);
    this.code = code;
    this.stateId = stateId;
  }
}

/** A state node of a machine, for error messages. */
export interface Location {
  readonly machineId: string;
  readonly stateId: string;
}

/** Rejects an unsupported feature found at `at`; `what` completes "state '#id' …". */
export function unsupported(at: Location, what: string): MachineCompileError {
  return new MachineCompileError(
    'MACHINE_UNSUPPORTED',
    `[machines] cannot compile machine '${at.machineId}': state '#${at.stateId}' ${what}`,
    at.stateId,
  );
}
