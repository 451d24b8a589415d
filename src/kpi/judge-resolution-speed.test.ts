import { describe, expect, it } from "vitest";
import { clearlyBetter, judgeResolutionSpeed } from "./judge-resolution-speed.ts";
import type { ResolutionBucket } from "./kpi-report.ts";
import { retentionShare } from "./retention-share.ts";

const LABELS = ["<4 h", "4–24 h", "1–3 d", "3–7 d", ">7 d"];
/** Buckets from [retained, n] pairs, fastest first. */
const buckets = (...counts: [number, number][]): ResolutionBucket[] =>
  counts.map(([retained, n], i) => ({
    bucket: LABELS[i],
    fromHours: 0,
    toHours: null,
    ...retentionShare({ retained, churned: n - retained, pending: 0 }),
  }));

describe("judgeResolutionSpeed", () => {
  it.each([
    [
      "a plateau, then clearly worse: stops paying at the plateau's slowest bucket",
      buckets([900, 1000], [890, 1000], [880, 1000], [600, 1000], [500, 1000]),
      true,
      "1–3 d",
    ],
    [
      "every faster bucket clearly better: pays all the way",
      buckets([950, 1000], [850, 1000], [750, 1000], [650, 1000], [550, 1000]),
      true,
      "<4 h",
    ],
    [
      "all the same: no evidence",
      buckets([900, 1000], [905, 1000], [898, 1000], [902, 1000], [899, 1000]),
      false,
      null,
    ],
    ["tiny samples: intervals overlap", buckets([1, 1], [0, 0], [1, 1], [1, 2], [0, 1]), false, null],
    [
      "a tiny middle bucket does not count as evidence",
      buckets([900, 1000], [890, 1000], [2, 3], [600, 1000], [500, 1000]),
      true,
      "4–24 h",
    ],
    ["only one bucket with data", buckets([0, 0], [5, 10], [0, 0], [0, 0], [0, 0]), null, null],
  ])("%s", (_name, input, fasterPays, stopsPayingAt) => {
    const verdict = judgeResolutionSpeed(input);
    expect(verdict.fasterPays).toBe(fasterPays);
    expect(verdict.stopsPayingAt).toBe(stopsPayingAt);
    expect(verdict.finding.length).toBeGreaterThan(20);
  });

  it("says what it found", () => {
    const { finding } = judgeResolutionSpeed(buckets([900, 1000], [890, 1000], [880, 1000], [600, 1000], [500, 1000]));
    expect(finding).toBe(
      "resolving within 1–3 d retains 88.0 %, clearly better than 3–7 d 60.0 %, >7 d 50.0 %; resolving " +
        "faster (<4 h 90.0 %, 4–24 h 89.0 %) shows no clear further gain",
    );
  });

  it("clearlyBetter needs both intervals apart and data on both sides", () => {
    const [a, b] = buckets([90, 100], [50, 100]);
    expect(clearlyBetter(a, b)).toBe(true);
    expect(clearlyBetter(b, a)).toBe(false);
    expect(clearlyBetter(a, buckets([0, 0])[0])).toBe(false);
  });
});
