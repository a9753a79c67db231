/**
 * The data a report page embeds (as JSON in a `<script type="application/json">`) and its
 * script reads. Compact: per event a few indexes into a string table and its words; per
 * machine instance only the seqs at which its state changed. The state at any seq is found
 * by a binary search in each history, so the page never holds a state per event.
 */

/** A machine drawn in the report and every instance of it in the run. */
export interface MachineData {
  /** `cell`, `message`, `dispute` or `ladder`. */
  readonly name: string;
  /** The xstate machine id: the prefix of every state id in its diagram. */
  readonly id: string;
  /** Distinct configurations: the ids of the states active in each (root first). */
  readonly configs: readonly (readonly string[])[];
  /** A short text for each configuration (`mediation`, `active(intelligence=engaged …)`). */
  readonly labels: readonly string[];
  readonly instances: readonly InstanceData[];
}

/** One instance (the cell, the ladder, a message, a dispute). */
export interface InstanceData {
  readonly id: string;
  /** What a reader calls it: `d-1: syria vs israel (deescalation)`. */
  readonly label: string;
  /** Flat pairs: seq, configuration index, seq, configuration index … in seq order. */
  readonly history: readonly number[];
}

/** The run's events, one entry per event in each column (index = seq - 1). */
export interface EventColumns {
  /** Milliseconds since `startMs`. */
  readonly at: readonly number[];
  /** Indexes into `strings`. */
  readonly type: readonly number[];
  readonly actor: readonly number[];
  /** Index into `strings` of the track the event concerns, or -1. */
  readonly track: readonly number[];
  /** Indexes into `parties` of the parties it involves (actor, target, blamed…). */
  readonly parties: readonly (readonly number[])[];
  /** The event in plain words. */
  readonly text: readonly string[];
  /** The machines it moved, as text (`dispute d-1: raised → acknowledged`). */
  readonly changes: readonly (readonly string[])[];
}

/** Everything the page shows. */
export interface ReportData {
  readonly version: 1;
  readonly title: string;
  readonly subtitle: string;
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  /** Epoch ms of the first event. */
  readonly startMs: number;
  readonly strings: readonly string[];
  readonly events: EventColumns;
  readonly ladder: { readonly levels: readonly string[] };
  /** Machines in the order the page shows them: cell, message, dispute, ladder. */
  readonly machines: readonly MachineData[];
  /** The outcome summary `parley run` prints, for the whole run. */
  readonly summary: string;
}
