import type { SqlClient } from "../sql-client.ts";

/** One product-usage event ready to count: its customer, metric (event name), UTC day and message id. */
export interface TrackedEvent {
  /** Its position in the request, for the duplicates' report. */
  index: number;
  customerId: number;
  metric: string;
  day: number;
  /** Null when the sender gave none: counted without a repeat check. */
  messageId: string | null;
}

/** Days a message id is remembered: a repeat within them counts once. */
export const DEDUP_WINDOW_DAYS = 30;

/**
 * Counts events into daily usage in one transaction: each message id is claimed first (a repeat
 * of one counted in the last 30 days is a duplicate and adds nothing), then every (customer, metric, day)
 * adds its number of events to the usage value. New metrics are created. Resolves to the indices
 * of the duplicates.
 */
export async function countTrackedEvents(
  sql: SqlClient,
  options: { events: TrackedEvent[]; now: Date },
): Promise<{ counted: number; duplicates: number[] }> {
  return sql.transaction(async (tx) => {
    // Senders retry within hours: ids older than the dedup window are forgotten, so the table stays small.
    await tx.run("DELETE FROM tracked_messages WHERE received_at < ?", [
      new Date(options.now.getTime() - DEDUP_WINDOW_DAYS * 86_400_000),
    ]);
    const duplicates: number[] = [];
    const cells = new Map<string, { customerId: number; metric: string; day: number; n: number }>();
    for (const e of options.events) {
      if (e.messageId !== null) {
        const claimed = await tx.run(
          "INSERT INTO tracked_messages (message_id, received_at) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING",
          [e.messageId, options.now],
        );
        if (claimed === 0) {
          duplicates.push(e.index);
          continue;
        }
      }
      const key = `${e.customerId}\u0000${e.metric}\u0000${e.day}`;
      const cell = cells.get(key) ?? { customerId: e.customerId, metric: e.metric, day: e.day, n: 0 };
      cell.n++;
      cells.set(key, cell);
    }
    const metrics = [...new Set([...cells.values()].map((c) => c.metric))];
    for (const name of metrics)
      await tx.run("INSERT INTO metrics (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [name]);
    const ids = new Map<string, number>();
    if (metrics.length) {
      const rows = await tx.all<{ id: number; name: string }>(
        `SELECT id, name FROM metrics WHERE name IN (${metrics.map(() => "?").join(", ")})`,
        metrics,
      );
      for (const r of rows) ids.set(String(r.name), Number(r.id));
    }
    let counted = 0;
    for (const c of cells.values()) {
      await tx.run(
        `INSERT INTO usage (customer_id, metric_id, day, value) VALUES (?, ?, ?, ?)
         ON CONFLICT (customer_id, metric_id, day) DO UPDATE SET value = usage.value + excluded.value`,
        [c.customerId, ids.get(c.metric)!, c.day, c.n],
      );
      counted += c.n;
    }
    return { counted, duplicates };
  });
}
