const MS_PER_DAY = 86_400_000;

/**
 * Point-in-time medians per kind of ticket (channel + category): at each as-of day T, the median
 * duration of the tickets of every customer whose event (first response, or resolution) happened
 * in [T − windowDays, T). Returns `medians[j * kinds + k]`, NaN when no such ticket.
 */
export function kindMedians(options: {
  kind: Int32Array;
  kinds: number;
  eventMs: Float64Array;
  durationMs: Float64Array;
  asOfDays: Int32Array;
  windowDays: number;
}): Float64Array {
  const { kind, kinds, eventMs, durationMs, asOfDays, windowDays } = options;
  const medians = new Float64Array(asOfDays.length * kinds).fill(NaN);
  // windows start and end at midnight: a counting sort by (kind, event day) makes each window
  // one contiguous range of durations, in linear time
  const day = Int32Array.from(eventMs, (ms) => (Number.isNaN(ms) ? -1 : Math.floor(ms / MS_PER_DAY)));
  let [minDay, maxDay] = [Infinity, -Infinity];
  for (const d of day) {
    if (d < 0) continue;
    minDay = Math.min(minDay, d);
    maxDay = Math.max(maxDay, d);
  }
  if (minDay > maxDay) return medians;
  const span = maxDay - minDay + 1;
  const start = new Int32Array(kinds * span + 1);
  for (let i = 0; i < day.length; i++) if (day[i] >= 0) start[kind[i] * span + day[i] - minDay + 1]++;
  for (let b = 0; b < kinds * span; b++) start[b + 1] += start[b];
  const next = start.slice(0, kinds * span);
  const sorted = new Float64Array(start[kinds * span]);
  for (let i = 0; i < day.length; i++)
    if (day[i] >= 0) sorted[next[kind[i] * span + day[i] - minDay]++] = durationMs[i];
  const scratch = new Float64Array(sorted.length);
  // the first position of kind k's events on day d, days outside the span clamped to its ends
  const at = (k: number, d: number) => start[k * span + Math.min(span, Math.max(0, d - minDay))];
  asOfDays.forEach((T, j) => {
    for (let k = 0; k < kinds; k++) {
      const [lo, hi] = [at(k, T - windowDays), at(k, T)];
      if (hi <= lo) continue;
      scratch.set(sorted.subarray(lo, hi));
      medians[j * kinds + k] = median(scratch, hi - lo);
    }
  });
  return medians;
}

/** Median of a[0 … n) (the mean of the middle two when n is even), by quickselect: reorders a. */
export function median(a: Float64Array, n: number): number {
  const k = n >>> 1;
  select(a, n, k);
  if (n % 2 === 1) return a[k];
  let below = -Infinity; // the largest of a[0 … k), all ≤ a[k] after the selection
  for (let i = 0; i < k; i++) if (a[i] > below) below = a[i];
  return (below + a[k]) / 2;
}

/** Moves the k-th smallest of a[0 … n) to a[k], smaller ones before it, larger after (Hoare). */
function select(a: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
