import type { ResolutionBucket, RetentionShare } from "./kpi-report.ts";

/** a retains clearly better than b: a's 95% interval lies wholly above b's. */
export function clearlyBetter(a: RetentionShare, b: RetentionShare): boolean {
  return a.n > 0 && b.n > 0 && a.ci95[0] > b.ci95[1];
}

const pct = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)} %`);

/**
 * Does faster resolution pay, and where does it stop paying? Buckets come fastest first.
 * fasterPays: some bucket retains clearly better than a slower one (null with fewer than
 * two buckets with decided windows). stopsPayingAt: the slowest bucket that retains clearly
 * better than some slower bucket while no faster bucket retains clearly better than it —
 * resolving faster than that bucket shows no further gain.
 */
export function judgeResolutionSpeed(buckets: ResolutionBucket[]): {
  fasterPays: boolean | null;
  stopsPayingAt: string | null;
  finding: string;
} {
  const filled = buckets.filter((b) => b.n > 0);
  if (filled.length < 2) {
    return {
      fasterPays: null,
      stopsPayingAt: null,
      finding: "too little data: fewer than two resolution-time buckets have customers whose window has ended",
    };
  }
  const beatsSlower = (i: number) => filled.slice(i + 1).some((slower) => clearlyBetter(filled[i], slower));
  const beatenByFaster = (i: number) => filled.slice(0, i).some((faster) => clearlyBetter(faster, filled[i]));
  let stop = -1;
  for (let i = 0; i < filled.length; i++) if (beatsSlower(i) && !beatenByFaster(i)) stop = i;
  if (stop === -1) {
    return {
      fasterPays: false,
      stopsPayingAt: null,
      finding:
        "no faster bucket retains clearly better than a slower one (95% intervals overlap): no evidence that faster resolution pays",
    };
  }
  const best = filled[stop];
  const worse = filled
    .slice(stop + 1)
    .filter((b) => clearlyBetter(best, b))
    .map((b) => `${b.bucket} ${pct(b.rate)}`);
  const faster =
    stop === 0
      ? ""
      : `; resolving faster (${filled
          .slice(0, stop)
          .map((b) => `${b.bucket} ${pct(b.rate)}`)
          .join(", ")}) shows no clear further gain`;
  return {
    fasterPays: true,
    stopsPayingAt: best.bucket,
    finding: `resolving within ${best.bucket} retains ${pct(best.rate)}, clearly better than ${worse.join(", ")}${faster}`,
  };
}
