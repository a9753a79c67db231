/**
 * The contract between `main` and each command file. A command is one file exporting a
 * {@link RegisterCommand}; adding it to the list in `main.ts` is the only other change.
 *
 * A command's action reads its inputs, calls library functions and prints through `ctx.io`.
 * For bad input it throws (`InputError`, `UsageError`, or a typed `LogError`); for a check
 * that ran and failed it prints its verdict and calls `ctx.setExit(EXIT.checkFailed)` (or
 * throws `CheckFailedError`). `main` turns anything thrown into one line and an exit code.
 */
import type { Command } from 'commander';
import type { ExitCode } from './errors.js';
import type { Io } from './io.js';

/** What a command gets besides its parsed arguments. */
export interface CommandContext {
  readonly io: Io;
  /** Sets the code `main` returns when the action completes (default 0). */
  setExit(code: ExitCode): void;
  /** The path to open for a user-given path (see `resolvePath`); show the original in messages. */
  resolve(path: string): string;
}

/**
 * Adds one command to the program.
 * @example
 * export const registerReplay: RegisterCommand = (program, ctx) => {
 *   program.command('replay').argument('<log>').action(async (log: string) => { … });
 * };
 */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;
