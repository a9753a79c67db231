/**
 * Exact long-run statistics of a small finite Markov chain (dense row-stochastic matrix):
 * the stationary distribution, and for a function f of the state the long-run mean, the
 * asymptotic variance of its running average and a bound on the start-up bias. These give
 * the repeated game its analytic values and its tests their error bars.
 *
 * The stationary distribution comes from state reduction (GTH); the variance from the
 * Poisson equation (I − P) g = f − π f with π g = 0, solved through the fundamental matrix
 * (I − P + 1π)⁻¹. Everything here holds for any chain with a single closed class, periodic
 * or not (restrict to the states reachable from the start first).
 */
import { UsageError } from '../../core/errors.js';

/** A row-stochastic matrix: `P[i][j]` is the probability of moving from state i to j. */
export type Transition = ReadonlyArray<ReadonlyArray<number>>;

const SINGULAR = 1e-12;

/** Solves A x = b by Gaussian elimination with partial pivoting (A and b are not modified). */
export function solveLinear(A: ReadonlyArray<ReadonlyArray<number>>, b: ReadonlyArray<number>): number[] {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(at(m, r, col)) > Math.abs(at(m, pivot, col))) pivot = r;
    if (Math.abs(at(m, pivot, col)) < SINGULAR) {
      throw new UsageError('[game] singular linear system (does the chain have more than one closed class?)', 'GAME');
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const rowCol = m[col] as number[];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const k = (row[col] as number) / (rowCol[col] as number);
      if (k === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - k * (rowCol[c] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}

/** Indices of the states reachable from `start` (including it), in increasing order. */
export function reachable(P: Transition, start: number): number[] {
  const seen = new Set<number>([start]);
  const todo = [start];
  while (todo.length > 0) {
    const i = todo.pop() as number;
    (P[i] as ReadonlyArray<number>).forEach((p, j) => {
      if (p > 0 && !seen.has(j)) {
        seen.add(j);
        todo.push(j);
      }
    });
  }
  return [...seen].sort((x, y) => x - y);
}

/**
 * The closed classes of P: sets of states the chain never leaves once in them, within which
 * every state reaches every other. Each is returned as increasing state indices.
 */
export function closedClasses(P: Transition): number[][] {
  const n = P.length;
  // Transitive closure (Warshall): reach[i][j] iff j can be reached from i in ≥ 0 steps.
  const reach = P.map((row, i) => row.map((p, j) => p > 0 || i === j));
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (!reach[i]?.[k]) continue;
      for (let j = 0; j < n; j++) if (reach[k]?.[j]) (reach[i] as boolean[])[j] = true;
    }
  }
  const classes: number[][] = [];
  const placed = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (placed.has(i)) continue;
    const from = reach[i] as boolean[];
    const members = from.flatMap((r, j) => (r ? [j] : []));
    if (members.every((j) => reach[j]?.[i])) {
      members.forEach((j) => placed.add(j));
      classes.push(members);
    }
  }
  return classes;
}

/**
 * The stationary distribution π (π P = π, Σ π = 1) of a chain with exactly one closed class
 * (transient states get 0), by the Grassmann–Taksar–Heyman state reduction: it never
 * subtracts, so it stays accurate when accidents are rare and the chain nearly decomposes,
 * where solving the balance equations loses about log₁₀(1/ε) digits.
 */
export function stationary(P: Transition): number[] {
  const classes = closedClasses(P);
  if (classes.length !== 1) {
    throw new UsageError(`[game] the chain has ${classes.length} closed classes: its long run depends on where it starts`, 'GAME');
  }
  const members = classes[0] as number[];
  const m = members.length;
  const a = members.map((i) => members.map((j) => at(P, i, j)));
  for (let k = m - 1; k > 0; k--) {
    const rowK = a[k] as number[];
    let out = 0;
    for (let j = 0; j < k; j++) out += rowK[j] as number;
    if (!(out > 0)) throw new UsageError('[game] state reduction failed: a state of the closed class has no way out', 'GAME');
    for (let i = 0; i < k; i++) {
      const rowI = a[i] as number[];
      const w = (rowI[k] as number) / out;
      rowI[k] = w;
      for (let j = 0; j < k; j++) rowI[j] = (rowI[j] as number) + w * (rowK[j] as number);
    }
  }
  const x = new Array<number>(m).fill(0);
  x[0] = 1;
  for (let j = 1; j < m; j++) {
    let sum = 0;
    for (let i = 0; i < j; i++) sum += (x[i] as number) * at(a, i, j);
    x[j] = sum;
  }
  const total = x.reduce((s, v) => s + v, 0);
  const pi = new Array<number>(P.length).fill(0);
  members.forEach((i, k) => {
    pi[i] = (x[k] as number) / total;
  });
  return pi;
}

/** Long-run statistics of the running average of f(X₁), …, f(X_N). */
export interface LongRun {
  /** π f: the limit of the average. */
  readonly mean: number;
  /** σ² = lim N·Var(average) = Var_π f + 2 Σ_{k≥1} Cov_π(f(X₀), f(X_k)). */
  readonly asymptoticVariance: number;
  /**
   * B with |E[average of N steps from any start] − π f| ≤ B / N. From the Poisson solution g:
   * Σ_{t=1..N} E f̄(X_t) = (P g)(x₀) − (P^{N+1} g)(x₀), so B = 2 max |g|.
   */
  readonly biasBound: number;
}

/** Mean, asymptotic variance and start-up bias bound of f under the chain P with stationary π. */
export function longRun(P: Transition, pi: ReadonlyArray<number>, f: ReadonlyArray<number>): LongRun {
  const n = P.length;
  const mean = f.reduce((s, v, i) => s + v * (pi[i] as number), 0);
  const centred = f.map((v) => v - mean);
  // (I − P + 1π) g = f̄; then π g = π f̄ = 0 and (I − P) g = f̄.
  const A = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - at(P, i, j) + (pi[j] as number)),
  );
  const g = solveLinear(A, centred);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const c = centred[i] as number;
    variance += (pi[i] as number) * c * (2 * (g[i] as number) - c);
  }
  return {
    mean,
    // Rounding can leave a tiny negative number for a function that is constant on the closed class.
    asymptoticVariance: Math.max(0, variance),
    biasBound: 2 * Math.max(...g.map(Math.abs)),
  };
}

/**
 * Half-width of a z-sigma band for the average of N steps around π f: z·σ/√N for the
 * fluctuation (central limit theorem for Markov chains) plus B/N for the start-up bias.
 */
export function averageTolerance(stats: LongRun, steps: number, z: number): number {
  return z * Math.sqrt(stats.asymptoticVariance / steps) + stats.biasBound / steps;
}

function at(m: ReadonlyArray<ReadonlyArray<number>>, i: number, j: number): number {
  return (m[i] as ReadonlyArray<number>)[j] as number;
}
