/** Plain-text tables and number formats for the human KPI output. */

/**
 * Aligned columns with a rule under the header. `align` has one letter per column, l or r;
 * by default the first column is left-aligned and the others (numbers) right-aligned.
 */
export function formatTable(header: string[], rows: string[][], align = `l${"r".repeat(header.length - 1)}`): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === "l" ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const DASH = "–";

/** A percentage with 1 decimal: `71.4 %`. */
export const pct = (v: number | null): string => (v === null ? DASH : `${v.toFixed(1)} %`);

/** A 95% interval in percent: `[35.9–91.8]`. */
export const ci = ([lo, hi]: [number, number]): string => `[${lo.toFixed(1)}–${hi.toFixed(1)}]`;

/** A number with 1 decimal (hours, NPS, CES). */
export const num1 = (v: number | null): string => (v === null ? DASH : v.toFixed(1));

/** A count with thousands separators. */
export const int = (v: number): string => v.toLocaleString("en");

/** Money in the report's currency (src/money): `$1,234.50`; null → "–". */
export type Money = (v: number | null) => string;
