/**
 * Aligned plain-text tables for the CLI (instead of console.table): a header, a rule under it,
 * one line per row; numbers right-aligned and rounded for people; missing values blank.
 * Light on purpose (no zod, pino, Prisma): command files import it before their action runs.
 */

/** What a cell may hold; null, undefined and NaN show as an empty cell. */
export type CellValue = string | number | Date | null | undefined;

/** How a column shows its values, and on which side it lines them up. */
export interface CellFormat {
  align: "left" | "right";
  show(value: string | number | Date): string;
}

/** One column: its header, how to read it from a row and how to show it (default: by the value's type). */
export interface Column<Row> {
  header: string;
  value: (row: Row) => CellValue;
  format?: CellFormat;
}

const counts = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const pad2 = (n: number) => String(n).padStart(2, "0");
const asDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v));
const day = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

/** Cell formats: text, counts with thousands separators, fixed decimals, money, UTC dates. */
export const Cells = {
  text: { align: "left", show: (v) => (v instanceof Date ? v.toISOString() : String(v)) },
  /** An identifier: right-aligned as written, no separators (copied into other commands). */
  id: { align: "right", show: (v) => String(v) },
  /** 1234567 → "1,234,567" (rounded to a whole number). */
  count: { align: "right", show: (v) => counts.format(Number(v)) },
  /** A number with `digits` decimals: AUC 4, probabilities 2, seconds 1. */
  fixed: (digits: number): CellFormat => ({ align: "right", show: (v) => Number(v).toFixed(digits) }),
  /** An amount through a money formatter (src/money), e.g. "€1,234.50". */
  money: (format: (amount: number) => string): CellFormat => ({ align: "right", show: (v) => format(Number(v)) }),
  /** "2026-11-01" (UTC). */
  date: { align: "left", show: (v) => day(asDate(v)) },
  /** "2026-11-01 09:30" (UTC). */
  dateTime: {
    align: "left",
    show: (v) => {
      const d = asDate(v);
      return `${day(d)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
    },
  },
} satisfies Record<string, CellFormat | ((...args: never[]) => CellFormat)>;

/** The format a column gets without one: whole numbers as counts, other numbers with 2 decimals, dates with their time. */
function formatOf(value: CellValue): CellFormat {
  if (typeof value === "number") return Number.isInteger(value) ? Cells.count : Cells.fixed(2);
  return value instanceof Date ? Cells.dateTime : Cells.text;
}

const missing = (v: CellValue): v is null | undefined =>
  v === null ||
  v === undefined ||
  (typeof v === "number" && Number.isNaN(v)) ||
  (v instanceof Date && Number.isNaN(v.getTime()));

/** The rows as an aligned table; an empty list still prints its header. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const values = rows.map((row) => columns.map((c) => c.value(row)));
  const formats = columns.map((c, i) => c.format ?? formatOf(values.find((r) => !missing(r[i]))?.[i]));
  const cells = values.map((r) => r.map((v, i) => (missing(v) ? "" : formats[i].show(v).replace(/\s*\n\s*/g, " "))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (texts: string[]) =>
    texts
      .map((t, i) => (formats[i].align === "right" ? t.padStart(widths[i]) : t.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join(
    "\n",
  );
}

/** Key: value lines, keys padded to one width ("  label:  value"); null and undefined values are left out. */
export function formatFields(fields: Record<string, string | number | null | undefined>, indent = ""): string {
  const entries = Object.entries(fields).filter(
    (e): e is [string, string | number] => e[1] !== null && e[1] !== undefined,
  );
  const width = Math.max(0, ...entries.map(([k]) => k.length + 1));
  return entries.map(([k, v]) => `${indent}${`${k}:`.padEnd(width)}  ${v}`).join("\n");
}
