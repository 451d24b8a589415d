import type { UsageRow } from "../import-rows.ts";

/**
 * Usage rows as typed columns: moved to the writer thread without copying (transferred
 * buffers) instead of cloning one object per row — the biggest table's hot path.
 */
export interface UsageColumns {
  customerId: Int32Array;
  day: Int32Array;
  value: Float64Array;
  /** Index into `metrics` per row. */
  metric: Int32Array;
  metrics: string[];
  lines: Int32Array;
}

export function encodeUsage(rows: UsageRow[], lines: number[]): UsageColumns {
  const n = rows.length;
  const columns: UsageColumns = {
    customerId: new Int32Array(n), day: new Int32Array(n), value: new Float64Array(n), metric: new Int32Array(n), metrics: [], lines: Int32Array.from(lines),
  };
  const codes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    let code = codes.get(r.metric);
    if (code === undefined) codes.set(r.metric, (code = columns.metrics.push(r.metric) - 1));
    columns.customerId[i] = r.customerId;
    columns.day[i] = r.day;
    columns.value[i] = r.value;
    columns.metric[i] = code;
  }
  return columns;
}

export function decodeUsage(c: UsageColumns): { rows: UsageRow[]; lines: number[] } {
  const rows: UsageRow[] = new Array(c.customerId.length);
  for (let i = 0; i < rows.length; i++) rows[i] = { customerId: c.customerId[i], metric: c.metrics[c.metric[i]], day: c.day[i], value: c.value[i] };
  return { rows, lines: Array.from(c.lines) };
}

export function transferList(c: UsageColumns): ArrayBuffer[] {
  return [c.customerId.buffer, c.day.buffer, c.value.buffer, c.metric.buffer, c.lines.buffer] as ArrayBuffer[];
}
