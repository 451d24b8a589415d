import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openCsv } from "./read-csv.ts";

const dir = mkdtempSync(join(tmpdir(), "retain-read-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(path: string): Promise<{ header: string[]; records: string[][] }> {
  const csv = await openCsv(path, 1000);
  const records: string[][] = [];
  for await (const batch of csv.batches) records.push(...batch.records.map((r) => r.fields));
  return { header: csv.header, records };
}

describe("openCsv", () => {
  it("drops a UTF-8 byte-order mark before the header", async () => {
    const path = join(dir, "bom.csv");
    writeFileSync(path, "\uFEFFcustomer_id,name\nC1,Zoë\n");
    expect(await readAll(path)).toEqual({ header: ["customer_id", "name"], records: [["C1", "Zoë"]] });
  });

  it("keeps multi-byte characters whole where the file is read in two chunks", async () => {
    const path = join(dir, "split.csv");
    const header = "customer_id,name\n";
    const filler = "x".repeat((1 << 20) - header.length - 4); // the first chunk is 1 MiB: "é" straddles its end
    writeFileSync(path, `${header}C1,${filler}é\nC2,naïve\n`);
    const { records } = await readAll(path);
    expect(records.map((r) => r[1].slice(-1))).toEqual(["é", "e"]);
    expect(records[1][1]).toBe("naïve");
  });
});
