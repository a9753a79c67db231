/**
 * The mechanism's rules most hand-built test logs record: acknowledgements due in a day,
 * responses in a week, referral on, monthly meetings with a standing incident agenda, no
 * suspension rules.
 */
import type { MechanismRules } from '../../src/core/catalogue.js';

export const MONTHLY_RULES: MechanismRules = {
  ackDeadline: 'P1D',
  disputeResponseDeadline: 'P7D',
  referral: true,
  meetings: { every: 'P30D', extraordinaryOnRequest: true, standingIncidentAgenda: true },
  suspension: { by: [], onSeverityAbove: null, resumeAfter: null },
};
