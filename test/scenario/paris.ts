/**
 * A realistic scenario used across the scenario tests: the Paris 2026 joint fusion
 * mechanism, with every block of the format present at least once. Line numbers matter to
 * the tests that patch it: keep edits at the end or update them.
 */
export const PARIS = `# yaml-language-server: $schema=../schema/scenario.schema.json
# Paris 2026: the joint fusion mechanism under US supervision. Borrows: IPRM monthly meetings,
# INCSEA "without delay" incident notification, UNDOF-style fact-finding.
parley: 1
name: Paris 2026 joint fusion mechanism
description: >
  Syria and Israel coordinate through a US-supervised cell on four tracks while strikes
  continue in the south.
start: 2026-01-06T00:00:00Z
horizon: P180D
seed: 42
parties:
  syria:  { name: Syria,  policy: { kind: generous-tit-for-tat, generosity: 0.33, ackDelay: PT6H } }
  israel: { name: Israel, policy: { kind: tit-for-tat, ackDelay: PT2H } }
supervisor: { id: us, name: United States, mediation: { responseTime: P2D, rulingAccepted: 0.8 } }
mechanism:
  enabled: true
  tracks: [intelligence, deescalation, diplomatic, commercial]
  ackDeadline: PT24H
  disputeResponseDeadline: P7D
  meetings: { every: P30D, extraordinaryOnRequest: true }
  suspension: { by: [israel, us], onSeverityAbove: 0.9, resumeAfter: P14D }
fog: { misattribution: 0.1, severityNoise: 0.2, messageLoss: 0.01 }
weights:
  "195": -9.5
incidentKinds:
  droneOverflight: { cameo: "152", severity: 0.3, label: Drone overflight }
generators:
  - { incident: airstrike, by: israel, against: syria, every: P12D, cameo: "195" }
  - { incident: droneOverflight, by: israel, against: syria, every: P5D, from: 2026-02-01T00:00:00Z }
timeline:
  - at: 2026-01-10T03:00:00Z
    incident: { id: inc-1, kind: incursion, by: israel, against: syria, where: buffer zone }
  - at: 2026-01-10T09:00:00Z
    dispute: { id: d-1, by: syria, against: israel, over: inc-1, claim: Troops crossed line A }
  - at: 2026-01-10T04:00:00Z
    message: { id: m-1, from: israel, to: syria, track: deescalation, kind: notification, incident: inc-1 }
  - at: 2026-01-20T00:00:00Z
    deescalation: { id: step-1, by: israel, kind: deescalation, description: Pull-back to line A }
  - at: 2026-02-01T12:00:00Z
    meeting: { by: us, reason: Review of January incidents }
  - at: 2026-02-02T00:00:00Z
    withdraw: { dispute: d-1, by: syria }
expect:
  - { ladderPeakAtMost: crisis }
  - { disputesRaisedAtLeast: 1 }
`;
