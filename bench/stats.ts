/**
 * Timing: the adapter and its baselines run the same operation in alternating rounds (adapter,
 * same-SQL raw, best SQL, then rotated) so that whatever else the machine does at a given moment (GC, the
 * database's checkpoints, another process) lands on every side alike.
 */
export type Op = () => Promise<unknown>;

export interface Side {
  /** Every call's latency in nanoseconds. */
  readonly samples: number[];
  /** Wall time spent in measured rounds, nanoseconds. */
  elapsedNs: number;
  calls: number;
  /** Throughput of each measured round, in order (round i of both sides ran back to back). */
  readonly roundRates: number[];
}

export interface Pair {
  readonly adapter: Side;
  readonly raw: Side;
}

export interface RoundPlan {
  /** Measured rounds per side. */
  readonly rounds: number;
  /** Target duration of one round (its call count is calibrated from a warm-up). */
  readonly roundMs: number;
  /** Warm-up per side before calibration (JIT, statement caches, buffer pools). */
  readonly warmupMs: number;
}

function newSide(): Side {
  return { samples: [], elapsedNs: 0, calls: 0, roundRates: [] };
}

async function timed(op: Op, calls: number, side: Side | null): Promise<number> {
  const start = process.hrtime.bigint();
  let last = start;
  for (let i = 0; i < calls; i++) {
    await op();
    if (side) {
      const now = process.hrtime.bigint();
      side.samples.push(Number(now - last));
      last = now;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  if (side) {
    side.elapsedNs += elapsed;
    side.calls += calls;
    side.roundRates.push((calls * 1e9) / elapsed);
  }
  return elapsed;
}

/** Calls `op` until `ms` have passed; returns the mean ns per call. */
async function warm(op: Op, ms: number): Promise<number> {
  const until = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
  let calls = 0;
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() < until || calls < 5) {
    await op();
    calls++;
  }
  return Number(process.hrtime.bigint() - start) / calls;
}

/**
 * The order of the sides in round `round`: rotated every round (and reversed every other), so no
 * side always runs first or always follows the same other side's garbage.
 */
function roundOrder(n: number, round: number): number[] {
  const order = Array.from({ length: n }, (_, i) => (i + round) % n);
  return round % 2 === 1 ? order.reverse() : order;
}

/**
 * Serial calls: one caller, one call at a time; every round runs each side once, back to back,
 * with the same number of calls (calibrated on the slowest side's warm-up).
 */
export async function compareSerial(ops: readonly Op[], plan: RoundPlan): Promise<Side[]> {
  let perCall = 0;
  for (const op of ops) perCall = Math.max(perCall, await warm(op, plan.warmupMs));
  const calls = Math.max(3, Math.min(20_000, Math.round((plan.roundMs * 1e6) / perCall)));
  const sides = ops.map(newSide);
  for (let round = 0; round < plan.rounds; round++) {
    for (const i of roundOrder(ops.length, round)) await timed(ops[i]!, calls, sides[i]!);
  }
  return sides;
}

/** `callers` loops calling `op` in parallel for `ms`; returns completed calls and elapsed ns. */
async function parallelFor(op: Op, callers: number, ms: number): Promise<{ calls: number; ns: number }> {
  const start = process.hrtime.bigint();
  const until = start + BigInt(Math.round(ms * 1e6));
  let calls = 0;
  const loop = async (): Promise<void> => {
    while (process.hrtime.bigint() < until) {
      await op();
      calls++;
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
  return { calls, ns: Number(process.hrtime.bigint() - start) };
}

/** N parallel callers; each round runs every side for `plan.roundMs`; throughput only. */
export async function compareConcurrent(ops: readonly Op[], callers: number, plan: RoundPlan): Promise<Side[]> {
  for (const op of ops) await parallelFor(op, callers, plan.warmupMs);
  const sides = ops.map(newSide);
  for (let round = 0; round < plan.rounds; round++) {
    for (const i of roundOrder(ops.length, round)) {
      const { calls, ns } = await parallelFor(ops[i]!, callers, plan.roundMs);
      const side = sides[i]!;
      side.calls += calls;
      side.elapsedNs += ns;
      side.roundRates.push((calls * 1e9) / ns);
    }
  }
  return sides;
}

/**
 * Adapter ÷ raw as the median over rounds of (adapter round i ÷ raw round i): the two rounds of a
 * pair ran back to back, so a burst of load from elsewhere skews one pair, not the estimate.
 */
export function pairedRatio(pair: Pair): number {
  return pairedQuantile(pair, 0.5);
}

/** A quantile (0..1, linear interpolation) of the per-round ratios; q1..q3 shows the noise. */
export function pairedQuantile(pair: Pair, q: number): number {
  const ratios = pair.adapter.roundRates
    .map((rate, i) => rate / (pair.raw.roundRates[i] ?? Number.NaN))
    .filter((r) => Number.isFinite(r))
    .sort((a, b) => a - b);
  if (ratios.length === 0) return 0;
  const at = q * (ratios.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return ratios[lo]! + (ratios[hi]! - ratios[lo]!) * (at - lo);
}

export function opsPerSecond(side: Side): number {
  return side.elapsedNs === 0 ? 0 : (side.calls * 1e9) / side.elapsedNs;
}

/** Nearest-rank percentile, in microseconds. */
export function percentileUs(side: Side, p: number): number {
  if (side.samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(side.samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return (sorted[rank] ?? Number.NaN) / 1000;
}
