import type { DataVersion } from "../kpi/index.ts";

/** Why a cached KPI report is out of date: new data since it was computed, or its age. */
export interface KpiStaleness {
  /** The latest import (of files, or records over HTTP) that finished after the report's data was read: when. */
  importAt: Date | null;
  /** A complete risk run that finished after it: when, and its as-of day. */
  riskRun: { at: Date; asOf: Date } | null;
  /** Neither, but older than the cache keeps a report fresh. */
  aged: boolean;
}

/**
 * Whether a report computed at `computedAt` from data version `builtFrom` is stale now (data
 * version `now`, clock `clockMs`): null when fresh, else why.
 */
export function describeStaleness(o: {
  computedAt: Date;
  builtFrom: DataVersion;
  now: DataVersion;
  clockMs: number;
  freshMs: number;
}): KpiStaleness | null {
  const { builtFrom: was, now } = o;
  const fileImport =
    now.import &&
    (now.import.id !== was.import?.id || now.import.finishedAt.getTime() !== was.import.finishedAt.getTime())
      ? now.import.finishedAt
      : null;
  const ingest = now.ingests.count !== was.ingests.count ? now.ingests.lastAt : null;
  const importAt = [fileImport, ingest].reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
  const newImport = importAt !== null;
  const newRun =
    now.riskRun &&
    (now.riskRun.id !== was.riskRun?.id || now.riskRun.finishedAt.getTime() !== was.riskRun.finishedAt.getTime());
  const aged = o.clockMs - o.computedAt.getTime() > o.freshMs;
  if (!newImport && !newRun && !aged) return null;
  return {
    importAt,
    riskRun: newRun ? { at: now.riskRun!.finishedAt, asOf: now.riskRun!.asOf } : null,
    aged: !newImport && !newRun,
  };
}

/** HH:MM UTC of an instant. */
const clockTime = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
const sameDay = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);

/**
 * The page's notice for a stale report, in words: "Refreshing: these figures are from 14:02 UTC,
 * before the import at 14:05 UTC and the risk run of 2026-11-24 at 14:07 UTC." Times on another
 * day than `computedAt` carry their date.
 */
export function stalenessNotice(computedAt: Date, s: KpiStaleness): string {
  const when = (d: Date) => (sameDay(d, computedAt) ? clockTime(d) : `${d.toISOString().slice(0, 10)} ${clockTime(d)}`);
  const events = [
    ...(s.importAt ? [`the import at ${when(s.importAt)}`] : []),
    ...(s.riskRun ? [`the risk run of ${s.riskRun.asOf.toISOString().slice(0, 10)} at ${when(s.riskRun.at)}`] : []),
  ];
  const from = `Refreshing: these figures are from ${clockTime(computedAt)}`;
  return events.length ? `${from}, before ${events.join(" and ")}.` : `${from}; newer ones are being computed.`;
}
