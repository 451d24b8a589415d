import { createRandom } from "./seeded-random.ts";

/** The AUC difference of two models on the same rows, with its paired bootstrap interval. */
export interface PairedAucInterval {
  /** AUC of `a` minus AUC of `b` on all rows. */
  difference: number;
  /** The 2.5th and 97.5th percentiles of the resampled differences (a 95 % interval). */
  low: number;
  high: number;
  resamples: number;
  seed: number;
  /** Wall time of the resampling, milliseconds. */
  ms: number;
}

/** Rows in ascending score order and where each run of tied scores starts (ties share half credit). */
interface RankedScores {
  order: Int32Array;
  /** groupEnd[k] = one past the last position of the tie group starting at k (only read at group starts). */
  groupEnd: Int32Array;
}

function rankScores(p: ArrayLike<number>): RankedScores {
  const order = Int32Array.from({ length: p.length }, (_, i) => i).sort((i, j) => p[i] - p[j]);
  const groupEnd = new Int32Array(p.length);
  for (let k = 0; k < p.length; ) {
    let end = k + 1;
    while (end < p.length && p[order[end]] === p[order[k]]) end++;
    groupEnd[k] = end;
    k = end;
  }
  return { order, groupEnd };
}

/** ROC-AUC with each row counted `weight[i]` times: one pass over the precomputed order, O(n). */
function weightedAuc(ranked: RankedScores, y: Uint8Array, weight: Int32Array): number {
  const { order, groupEnd } = ranked;
  let negativesBelow = 0;
  let credit = 0;
  let positives = 0;
  for (let k = 0; k < order.length; ) {
    const end = groupEnd[k];
    let pos = 0;
    let neg = 0;
    for (let g = k; g < end; g++) {
      const i = order[g];
      if (y[i] === 1) pos += weight[i];
      else neg += weight[i];
    }
    credit += pos * (negativesBelow + neg / 2);
    negativesBelow += neg;
    positives += pos;
    k = end;
  }
  return positives === 0 || negativesBelow === 0 ? Number.NaN : credit / (positives * negativesBelow);
}

/**
 * Paired bootstrap of AUC(a) − AUC(b): rows are resampled with replacement (the same rows for
 * both models, so their shared difficulty cancels) `resamples` times with a fixed seed. Each
 * model's ranking is sorted once; a resample is row counts, so its AUC is one O(n) pass.
 * Resamples without both classes are drawn again (they have no AUC).
 */
export function pairedAucBootstrap(options: {
  y: ArrayLike<number>;
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  resamples?: number;
  seed?: number;
}): PairedAucInterval {
  const { resamples = 1000, seed = 1 } = options;
  const n = options.y.length;
  if (options.a.length !== n || options.b.length !== n)
    throw new Error(
      `expected one score per row from each model, found ${n} rows, ${options.a.length} and ${options.b.length} scores`,
    );
  const started = performance.now();
  const y = Uint8Array.from({ length: n }, (_, i) => (options.y[i] === 1 ? 1 : 0));
  const rankedA = rankScores(options.a);
  const rankedB = rankScores(options.b);
  const ones = new Int32Array(n).fill(1);
  const difference = weightedAuc(rankedA, y, ones) - weightedAuc(rankedB, y, ones);
  const random = createRandom(seed);
  const weight = new Int32Array(n);
  const differences = new Float64Array(resamples);
  for (let r = 0, attempts = 0; r < resamples; attempts++) {
    if (attempts > resamples * 10) throw new Error("expected both classes among the rows, found too few of one");
    weight.fill(0);
    for (let k = 0; k < n; k++) weight[random.int(n)]++;
    const d = weightedAuc(rankedA, y, weight) - weightedAuc(rankedB, y, weight);
    if (!Number.isNaN(d)) differences[r++] = d;
  }
  differences.sort();
  const at = (q: number) => differences[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { difference, low: at(0.025), high: at(0.975), resamples, seed, ms: performance.now() - started };
}
