import { describe, expect, it } from "vitest";
import type { DataVersion } from "../kpi/index.ts";
import { describeStaleness, stalenessNotice } from "./kpi-staleness.ts";

const at = (iso: string) => new Date(iso);
const version = (importId: number | null, runId: number | null, ingests = 0): DataVersion => ({
  import: importId === null ? null : { id: importId, finishedAt: at(`2026-11-24T14:0${importId}:00Z`) },
  riskRun: runId === null ? null : { id: runId, asOf: at("2026-11-24"), finishedAt: at(`2026-11-24T14:1${runId}:00Z`) },
  ingests: { count: ingests, lastAt: ingests ? at(`2026-11-24T14:2${ingests}:00Z`) : null },
});

describe("describeStaleness", () => {
  const computedAt = at("2026-11-24T14:00:00Z");
  const check = (builtFrom: DataVersion, now: DataVersion, clock = "2026-11-24T14:01:00Z") =>
    describeStaleness({ computedAt, builtFrom, now, clockMs: Date.parse(clock), freshMs: 300_000 });

  it.each([
    ["the same data, young", version(1, 1), version(1, 1), "2026-11-24T14:04:59Z", null],
    ["the same data, older than five minutes", version(1, 1), version(1, 1), "2026-11-24T14:05:01Z", { aged: true }],
    ["a new import", version(1, 1), version(2, 1), undefined, { importAt: at("2026-11-24T14:02:00Z"), aged: false }],
    ["the first import", version(null, 1), version(3, 1), undefined, { importAt: at("2026-11-24T14:03:00Z") }],
    ["a new risk run", version(1, 1), version(1, 2), undefined, { riskRun: { at: at("2026-11-24T14:12:00Z") } }],
    ["both", version(1, 1), version(2, 2), undefined, { importAt: expect.any(Date), riskRun: expect.any(Object) }],
    [
      "records sent to HTTP ingest",
      version(1, 1),
      version(1, 1, 1),
      undefined,
      { importAt: at("2026-11-24T14:21:00Z") },
    ],
    [
      "a file import and later records: the later",
      version(1, 1, 1),
      version(2, 1, 2),
      undefined,
      { importAt: at("2026-11-24T14:22:00Z") },
    ],
  ])("%s", (_name, builtFrom, now, clock, expected) => {
    const result = check(builtFrom, now, clock);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatchObject(expected);
  });

  it("a risk run re-done for the same id's date but finished later counts as new", () => {
    const later = {
      ...version(1, 1),
      riskRun: { id: 1, asOf: at("2026-11-24"), finishedAt: at("2026-11-24T15:00:00Z") },
    };
    expect(check(version(1, 1), later)?.riskRun?.at).toEqual(at("2026-11-24T15:00:00Z"));
  });
});

describe("stalenessNotice", () => {
  const computedAt = at("2026-11-24T14:02:00Z");
  it.each([
    [
      { importAt: at("2026-11-24T14:05:00Z"), riskRun: null, aged: false },
      "Refreshing: these figures are from 14:02 UTC, before the import at 14:05 UTC.",
    ],
    [
      { importAt: null, riskRun: { at: at("2026-11-25T02:10:00Z"), asOf: at("2026-11-25") }, aged: false },
      "Refreshing: these figures are from 14:02 UTC, before the risk run of 2026-11-25 at 2026-11-25 02:10 UTC.",
    ],
    [
      {
        importAt: at("2026-11-24T14:05:00Z"),
        riskRun: { at: at("2026-11-24T14:07:00Z"), asOf: at("2026-11-24") },
        aged: false,
      },
      "Refreshing: these figures are from 14:02 UTC, before the import at 14:05 UTC and the risk run of 2026-11-24 at 14:07 UTC.",
    ],
    [
      { importAt: null, riskRun: null, aged: true },
      "Refreshing: these figures are from 14:02 UTC; newer ones are being computed.",
    ],
  ])("%o", (staleness, notice) => {
    expect(stalenessNotice(computedAt, staleness)).toBe(notice);
  });
});
