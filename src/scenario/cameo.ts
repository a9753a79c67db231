/**
 * CAMEO event codes and their Goldstein conflict–cooperation weights (−10 … +10).
 *
 * Source: the published CAMEO codebook (Schrodt, Gerner et al.) and the Goldstein (1992)
 * scale, as distributed with public event-data projects: the 20 root codes plus the sub-codes
 * a communication cell deals with. Codes are strings and are compared as strings: "010" and
 * "10" are different codes. Scenarios may override any weight (`weights`).
 */

/** The four CAMEO quad classes. */
export type QuadClass =
  | 'verbal cooperation'
  | 'material cooperation'
  | 'verbal conflict'
  | 'material conflict';

/** One row of the table. */
export interface CameoEntry {
  readonly label: string;
  readonly goldstein: number;
  readonly quadClass: QuadClass;
}

const VC = 'verbal cooperation';
const MC = 'material cooperation';
const VK = 'verbal conflict';
const MK = 'material conflict';

const row = (label: string, goldstein: number, quadClass: QuadClass): CameoEntry =>
  Object.freeze({ label, goldstein, quadClass });

/** CAMEO code → label, Goldstein weight and quad class. Frozen, with no prototype. */
export const CAMEO: Readonly<Record<string, CameoEntry>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, CameoEntry>, {
    '01': row('Make public statement', 0.0, VC),
    '02': row('Appeal', 3.0, VC),
    '03': row('Express intent to cooperate', 4.0, VC),
    '04': row('Consult', 1.0, VC),
    '05': row('Engage in diplomatic cooperation', 3.5, VC),
    '06': row('Engage in material cooperation', 6.0, MC),
    '07': row('Provide aid', 7.0, MC),
    '08': row('Yield', 5.0, MC),
    '09': row('Investigate', -2.0, MC),
    '10': row('Demand', -5.0, VK),
    '11': row('Disapprove', -2.0, VK),
    '12': row('Reject', -4.0, VK),
    '13': row('Threaten', -6.0, VK),
    '14': row('Protest', -6.5, VK),
    '15': row('Exhibit force posture', -7.2, MK),
    '16': row('Reduce relations', -4.0, MK),
    '17': row('Coerce', -7.0, MK),
    '18': row('Assault', -9.0, MK),
    '19': row('Fight', -10.0, MK),
    '20': row('Use unconventional mass violence', -10.0, MK),
    '038': row('Express intent to accept mediation', 7.0, VC),
    '041': row('Discuss by telephone', 1.0, VC),
    '045': row('Mediate', 5.0, VC),
    '046': row('Engage in negotiation', 7.0, VC),
    '055': row('Apologize', 7.0, VC),
    '057': row('Sign formal agreement', 8.0, VC),
    '064': row('Share intelligence or information', 7.0, MC),
    '087': row('De-escalate military engagement', 9.0, MC),
    '0871': row('Declare ceasefire', 9.0, MC),
    '107': row('Demand ceasefire', -5.0, VK),
    '114': row('Complain officially', -2.0, VK),
    '126': row('Reject mediation', -5.0, VK),
    '164': row('Halt negotiations', -7.0, MK),
    '165': row('Halt mediation', -6.5, MK),
    '196': row('Violate ceasefire', -9.5, MK),
  }),
);

const hasOwn = (record: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key);

/**
 * The Goldstein weight of a CAMEO code: the exact code, else its longest prefix in the table
 * (CAMEO sub-codes refine their parent, so "195" falls back to "19", Fight, −10). At each
 * step a scenario override for that prefix wins over the table. Unknown codes give
 * `undefined`: callers decide whether that is an error.
 * @example goldsteinWeight('195') // -10
 * @example goldsteinWeight('195', { '19': -8 }) // -8
 */
export function goldsteinWeight(
  code: string,
  overrides?: Readonly<Record<string, number>>,
): number | undefined {
  for (let n = code.length; n > 0; n--) {
    const prefix = code.slice(0, n);
    if (overrides && hasOwn(overrides, prefix)) return overrides[prefix];
    if (hasOwn(CAMEO, prefix)) return CAMEO[prefix]?.goldstein;
  }
  return undefined;
}

/** The table entry for a code, or for its longest known prefix. */
export function cameoEntry(code: string): CameoEntry | undefined {
  for (let n = code.length; n > 0; n--) {
    const prefix = code.slice(0, n);
    if (hasOwn(CAMEO, prefix)) return CAMEO[prefix];
  }
  return undefined;
}
