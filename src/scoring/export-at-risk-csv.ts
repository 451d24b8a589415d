import { stringify } from "csv-stringify/sync";
import { listAtRiskPage, listAtRiskRowsByIds, type AtRiskRow, type Database, type RunFilters } from "../db/index.ts";
import { currencyDigits, DEFAULT_CURRENCY } from "../money/index.ts";
import { describeRows, findListRuns, toFilters, type AtRiskItem, type AtRiskQuery } from "./list-at-risk.ts";
import { rankByRenewal } from "./rank-by-renewal.ts";

const PAGE = 1000;

/** The header; amounts are plain numbers, so their columns name the currency (`mrr_usd`). */
const columns = (currency: string) => [
  "customer_id",
  "name",
  "plan",
  "segment",
  "owner",
  "probability",
  "band",
  `mrr_${currency.toLowerCase()}`,
  `mrr_at_risk_${currency.toLowerCase()}`,
  "change",
  "delta",
  "driver_1",
  "driver_2",
  "driver_3",
  "open_tickets",
  "last_ticket_id",
  "last_ticket_created_at",
  "last_ticket_status",
  "last_csat",
  "last_csat_at",
  "last_contacted_at",
];

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. */
function cell(text: string | null | undefined): string {
  if (!text) return "";
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : "");

function toRecord(i: AtRiskItem, digits: number): string[] {
  return [
    cell(i.customerId),
    cell(i.name),
    cell(i.plan),
    cell(i.segment),
    cell(i.owner),
    i.probability.toFixed(4),
    i.band,
    i.mrr.toFixed(digits),
    i.mrrAtRisk.toFixed(digits),
    i.change,
    i.delta === null ? "" : i.delta.toFixed(4),
    cell(i.drivers[0]?.text),
    cell(i.drivers[1]?.text),
    cell(i.drivers[2]?.text),
    String(i.openTickets),
    cell(i.lastTicket?.externalId),
    iso(i.lastTicket?.createdAt),
    i.lastTicket?.status ?? "",
    i.lastCsat ? String(i.lastCsat.score) : "",
    iso(i.lastCsat?.respondedAt),
    iso(i.lastContactedAt),
  ];
}

/**
 * The whole filtered at-risk list of the latest run as CSV (RFC 4180, header row), in the
 * list's sort order, read in pages of 1,000 by keyset. Empty (header only) without a run.
 * Amounts are in `currency` (default USD) with its decimals; `now` dates snoozes (default now).
 */
export async function exportAtRiskCsv(
  db: Database,
  query: Omit<AtRiskQuery, "limit" | "offset" | "cursor">,
  options: { now?: Date; currency?: string } = {},
): Promise<string> {
  const { now = new Date(), currency = DEFAULT_CURRENCY } = options;
  const digits = currencyDigits(currency);
  const chunks = [stringify([columns(currency)])];
  const runs = await findListRuns(db);
  if (!runs) return chunks[0];
  const filters = { ...toFilters(query), runId: runs.run.id, previousRunId: runs.previousRunId, now };
  for await (const rows of pagesOf(db, filters, query))
    chunks.push(stringify((await describeRows(db, rows, now)).map((i) => toRecord(i, digits))));
  return chunks.join("");
}

/** The whole sorted list in pages of 1,000: by keyset in SQL, or (by renewal) ranked once and read by id. */
async function* pagesOf(
  db: Database,
  filters: RunFilters,
  query: Pick<AtRiskQuery, "sort" | "order">,
): AsyncGenerator<AtRiskRow[]> {
  const { sort, order } = query;
  if (sort === "renewal") {
    const ranks = await rankByRenewal(db, filters, order);
    for (let i = 0; i < ranks.length; i += PAGE) {
      const customers = ranks.slice(i, i + PAGE).map((r) => ({ id: r.id, sortValue: r.days }));
      yield await listAtRiskRowsByIds(db.sql, { runId: filters.runId, now: filters.now, customers });
    }
    return;
  }
  let after: { value: number | string; id: number } | undefined;
  for (;;) {
    const rows = await listAtRiskPage(db.sql, { ...filters, sort, order, limit: PAGE, after });
    if (!rows.length) return;
    yield rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    after = { value: last.sortValue, id: last.customerId };
  }
}
