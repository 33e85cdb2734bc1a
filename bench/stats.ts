/**
 * Timing: the adapter and the raw driver run the same operation in alternating rounds (adapter,
 * raw, adapter, raw...) so that whatever else the machine does at a given moment (GC, the
 * database's checkpoints, another process) lands on both sides alike.
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

/** Serial calls: one caller, one call at a time, alternating sides round by round. */
export async function comparePair(adapter: Op, raw: Op, plan: RoundPlan): Promise<Pair> {
  const meanA = await warm(adapter, plan.warmupMs);
  const meanR = await warm(raw, plan.warmupMs);
  const perCall = Math.max(meanA, meanR);
  const calls = Math.max(3, Math.min(20_000, Math.round((plan.roundMs * 1e6) / perCall)));
  const pair: Pair = { adapter: newSide(), raw: newSide() };
  for (let round = 0; round < plan.rounds; round++) {
    // Who goes first alternates too, so neither side always follows the other's garbage.
    if (round % 2 === 0) {
      await timed(adapter, calls, pair.adapter);
      await timed(raw, calls, pair.raw);
    } else {
      await timed(raw, calls, pair.raw);
      await timed(adapter, calls, pair.adapter);
    }
  }
  return pair;
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

/** N parallel callers; alternating rounds of `plan.roundMs` each; throughput only. */
export async function compareConcurrent(adapter: Op, raw: Op, callers: number, plan: RoundPlan): Promise<Pair> {
  await parallelFor(adapter, callers, plan.warmupMs);
  await parallelFor(raw, callers, plan.warmupMs);
  const pair: Pair = { adapter: newSide(), raw: newSide() };
  for (let round = 0; round < plan.rounds; round++) {
    const order: Array<[Op, Side]> = [
      [adapter, pair.adapter],
      [raw, pair.raw],
    ];
    if (round % 2 === 1) order.reverse();
    for (const [op, side] of order) {
      const { calls, ns } = await parallelFor(op, callers, plan.roundMs);
      side.calls += calls;
      side.elapsedNs += ns;
      side.roundRates.push((calls * 1e9) / ns);
    }
  }
  return pair;
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
