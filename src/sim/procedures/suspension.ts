/**
 * Suspension of the cell (the 2017 US–Russia memorandum): a party the mechanism allows to
 * suspend it does so over an incident it judges severe enough; when the scenario sets a
 * period, the cell resumes after it.
 */
import type { FactOf } from '../../core/catalogue.js';
import { command } from '../../core/commands.js';
import type { SimContext } from '../context.js';

export class Suspension {
  constructor(private readonly sim: SimContext) {}

  /** `party` observed incident `i` with `severity`: suspends the cell if the rules let it and the incident is severe enough. */
  onObserved(party: string, i: { readonly id: string; readonly kind: string }, severity: number, cause: number): void {
    const sim = this.sim;
    const s = sim.plan.mechanism.suspension;
    if (s.by.includes(party) && s.onSeverityAbove !== undefined && severity >= s.onSeverityAbove) {
      sim.try(command('SuspendCell', { actor: party, at: sim.at, cause }, { reason: `${i.kind} ${i.id}`, incidentId: i.id }));
    }
  }

  suspended(e: FactOf<'CellSuspended'>): void {
    const after = this.sim.plan.mechanism.suspension.resumeAfterMs;
    if (after !== undefined) this.sim.agenda.schedule(this.sim.agenda.now + after, { k: 'resume', by: e.actor });
  }

  resume(by: string): void {
    this.sim.try(command('ResumeCell', { actor: by, at: this.sim.at }, { reason: 'suspension period over' }));
  }
}
