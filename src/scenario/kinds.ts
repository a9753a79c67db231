/**
 * Built-in incident and de-escalation kinds: the vocabulary a scenario can use without
 * declaring anything. Each kind maps to a CAMEO code (its weight comes from `cameo.ts`) and,
 * for incidents, a default severity in [0, 1] that policies compare with their
 * `disputeThreshold`. Scenarios extend or override these with `incidentKinds`.
 */

/** A built-in incident kind. */
export interface IncidentKindSpec {
  readonly cameo: string;
  /** Default severity in [0, 1] when an incident does not give its own. */
  readonly severity: number;
  readonly label: string;
}

/** A built-in de-escalation step kind. */
export interface DeescalationKindSpec {
  readonly cameo: string;
  readonly label: string;
}

const table = <T>(entries: Record<string, T>): Readonly<Record<string, T>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));

/** Incident kinds every scenario knows. */
export const BUILTIN_INCIDENT_KINDS = table<IncidentKindSpec>({
  incursion: { cameo: '152', severity: 0.4, label: 'Military incursion' },
  buildup: { cameo: '154', severity: 0.3, label: 'Military build-up' },
  airstrike: { cameo: '195', severity: 0.8, label: 'Air strike' },
  shelling: { cameo: '194', severity: 0.7, label: 'Artillery or tank fire' },
  raid: { cameo: '18', severity: 0.6, label: 'Raid' },
  detention: { cameo: '17', severity: 0.4, label: 'Detention or arrest' },
  threat: { cameo: '13', severity: 0.3, label: 'Threat' },
  demand: { cameo: '10', severity: 0.2, label: 'Demand' },
  protest: { cameo: '14', severity: 0.2, label: 'Protest' },
  ceasefireViolation: { cameo: '196', severity: 0.7, label: 'Ceasefire violation' },
  aid: { cameo: '07', severity: 0, label: 'Aid delivered' },
  statement: { cameo: '01', severity: 0, label: 'Public statement' },
  intelligenceShared: { cameo: '064', severity: 0, label: 'Intelligence shared' },
});

/** De-escalation step kinds every scenario knows. */
export const BUILTIN_DEESCALATION_KINDS = table<DeescalationKindSpec>({
  deescalation: { cameo: '087', label: 'Military de-escalation' },
  ceasefire: { cameo: '0871', label: 'Ceasefire declared' },
  apology: { cameo: '055', label: 'Apology' },
  agreement: { cameo: '057', label: 'Formal agreement signed' },
  negotiation: { cameo: '046', label: 'Negotiation' },
  consultation: { cameo: '041', label: 'Consultation by telephone' },
});

/** A scenario's own kind declaration (the `incidentKinds` block). */
export interface DeclaredKind {
  readonly cameo: string;
  readonly weight?: number | undefined;
  readonly severity?: number | undefined;
  readonly label?: string | undefined;
}

const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/**
 * What an incident kind means in a scenario: its declaration in `incidentKinds` if any, else
 * the built-in one. A declaration replaces the built-in entirely, except that a missing
 * severity or label is taken from the built-in of the same name.
 */
export function incidentKind(
  kind: string,
  declared?: Readonly<Record<string, DeclaredKind>>,
): (DeclaredKind & { severity: number; label: string }) | undefined {
  const mine = own(declared, kind);
  const builtin = own(BUILTIN_INCIDENT_KINDS, kind);
  if (!mine) return builtin;
  return {
    ...mine,
    severity: mine.severity ?? builtin?.severity ?? 0.5,
    label: mine.label ?? builtin?.label ?? kind,
  };
}

/** What a de-escalation step kind means: a scenario declaration wins over the built-in. */
export function deescalationKind(
  kind: string,
  declared?: Readonly<Record<string, DeclaredKind>>,
): (DeclaredKind & { label: string }) | undefined {
  const mine = own(declared, kind);
  const builtin = own(BUILTIN_DEESCALATION_KINDS, kind);
  if (!mine) return builtin;
  return { ...mine, label: mine.label ?? builtin?.label ?? kind };
}
