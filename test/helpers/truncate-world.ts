import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Minimal CSV reading for test fixtures written by the demo generator (RFC 4180). */
export function readCsvFile(path: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(path, "utf8");
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  const [header, ...data] = rows;
  return { header, rows: data };
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function writeCsvFile(path: string, header: string[], rows: string[][]): void {
  writeFileSync(path, `${[header, ...rows].map((r) => r.map(quote).join(",")).join("\n")}\n`);
}

/**
 * The world as it was known at the start of day `cutoff` (YYYY-MM-DD): rows dated on or
 * after it are dropped, and timestamps on or after it (a later response, resolution,
 * closing or churn) are blanked, as if they had not happened yet.
 */
export function truncateWorld(fromDir: string, toDir: string, cutoff: string): void {
  mkdirSync(toDir, { recursive: true });
  const cut = Date.parse(`${cutoff}T00:00:00Z`);
  const before = (v: string) => v !== "" && Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) < cut;
  const rules: Record<string, { keepIf: string; blankAfter: string[] }> = {
    "customers.csv": { keepIf: "signup_date", blankAfter: ["churn_date"] },
    "agents.csv": { keepIf: "", blankAfter: [] },
    "usage.csv": { keepIf: "date", blankAfter: [] },
    "tickets.csv": { keepIf: "created_at", blankAfter: ["first_response_at", "resolved_at", "closed_at"] },
    "surveys.csv": { keepIf: "responded_at", blankAfter: [] },
  };
  for (const [file, rule] of Object.entries(rules)) {
    const { header, rows } = readCsvFile(join(fromDir, file));
    const keep = header.indexOf(rule.keepIf);
    const blank = rule.blankAfter.map((c) => header.indexOf(c));
    const kept = rows
      .filter((r) => keep === -1 || before(r[keep]))
      .map((r) => r.map((v, i) => (blank.includes(i) && v !== "" && !before(v) ? "" : v)));
    writeCsvFile(join(toDir, file), header, kept);
  }
}
