import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes a CSV from a header and rows (values are written as given: quote them yourself if needed). */
export function writeCsv(dir: string, name: string, header: string[], rows: (string | number)[][]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `${[header.join(","), ...rows.map((r) => r.join(","))].join("\n")}\n`);
  return path;
}
