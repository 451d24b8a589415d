import type { WorldCalendar } from "./create-world-calendar.ts";
import type { CsvWriter } from "./csv-writer.ts";
import { UsageMetric } from "./demo-contract.ts";

const ascii = (text: string): Uint8Array => Buffer.from(text, "latin1");
const METRICS = [UsageMetric.Logins, UsageMetric.ActiveUsers, UsageMetric.Events].map((m) => ascii(`${m},`));
const NEWLINE = 10;
const ROW_BYTES = 64;

/**
 * Encodes usage.csv rows straight into the writer's bytes: usage is nearly all of a demo
 * world's volume, and skipping per-row strings is what makes millions of rows per second.
 * Date and customer-id bytes are prepared once.
 */
export class UsageEncoder {
  private readonly dates: Uint8Array;
  private id: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly writer: CsvWriter,
    calendar: WorldCalendar,
  ) {
    this.dates = ascii(calendar.dates.map((date) => `${date},`).join(""));
  }

  /** Sets the customer id of the rows that follow. */
  setCustomer(id: string): void {
    this.id = ascii(`${id},`);
  }

  /** Writes one day (`i` = day - startDay) of the three metrics, in order, skipping zero values. */
  day(i: number, logins: number, activeUsers: number, events: number): void {
    const buf = this.writer.reserve(3 * ROW_BYTES);
    const start = this.writer.cursor;
    let p = start;
    if (logins > 0) p = this.row(buf, p, i, METRICS[0], logins);
    if (activeUsers > 0) p = this.row(buf, p, i, METRICS[1], activeUsers);
    if (events > 0) p = this.row(buf, p, i, METRICS[2], events);
    this.writer.commit(p, (logins > 0 ? 1 : 0) + (activeUsers > 0 ? 1 : 0) + (events > 0 ? 1 : 0));
  }

  private row(buf: Uint8Array, p: number, i: number, metric: Uint8Array, value: number): number {
    p = copy(buf, p, this.id, 0, this.id.length);
    p = copy(buf, p, this.dates, i * 11, 11);
    p = copy(buf, p, metric, 0, metric.length);
    p = putUint(buf, p, value);
    buf[p] = NEWLINE;
    return p + 1;
  }
}

function copy(buf: Uint8Array, p: number, from: Uint8Array, start: number, length: number): number {
  for (let k = 0; k < length; k++) buf[p + k] = from[start + k];
  return p + length;
}

/** Writes a non-negative integer (< 1e15) in decimal ASCII; returns the new position. */
function putUint(buf: Uint8Array, p: number, value: number): number {
  let digits = 1;
  for (let x = value; x >= 10; x = Math.floor(x / 10)) digits++;
  let q = p + digits;
  let x = value;
  do {
    const next = Math.floor(x / 10);
    buf[--q] = 48 + (x - next * 10);
    x = next;
  } while (x > 0);
  return p + digits;
}
