import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listImportRuns } from "../src/db/index.ts";
import { importFiles } from "../src/ingest/index.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** Good rows, then one whose quoted field never closes: the parser only finds out at the end of the file. */
function brokenCsv(path: string, goodRows: number): void {
  const rows = Array.from({ length: goodRows }, (_, i) => `Q${i},2024-01-01,10`);
  writeFileSync(
    path,
    `${["customer_id,signup_date,mrr", ...rows, `Q${goodRows},2024-01-01,"10`, `Q${goodRows + 1},2024-01-01,10`].join(
      "\n",
    )}\n`,
  );
}

describe.each(testDialects())("a structurally broken CSV on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("is refused before any batch is committed, and the summary, the run row and the database agree", async () => {
    const file = join(t.config.dataDir, "customers.csv");
    // 25 good rows in batches of 10: two batches would be committed before the end of the file.
    brokenCsv(file, 25);
    for (let attempt = 0; attempt < 2; attempt++) {
      const { files } = await importFiles({
        db: t.db,
        dataDir: t.config.dataDir,
        files: [{ kind: "customers", file }],
        batchSize: 10,
      });
      const stored = await t.db.sql.all<{ n: number }>(
        "SELECT COUNT(*) AS n FROM customers WHERE external_id LIKE 'Q%'",
      );
      expect(Number(stored[0].n)).toBe(0);
      expect(files[0]).toMatchObject({ new: 0, updated: 0, unchanged: 0, rejected: 0 });
      expect(files[0].refused).toBe(
        `${file} refused: unterminated quoted field: expected a closing quote for the field opened on line 27, found the end of the file`,
      );
      const [run] = await listImportRuns(t.db, 1);
      expect(run.status).toBe("refused");
      expect(JSON.parse(run.summary!).files[0]).toMatchObject({ new: 0, refused: files[0].refused });
    }
  });

  it("still imports a file whose quotes are all closed, embedded line breaks and doubled quotes included", async () => {
    const file = join(t.config.dataDir, "quoted.csv");
    writeFileSync(file, 'customer_id,name,signup_date\nW1,"Acme ""West""\nBranch",2024-01-01\nW2,a"b,2024-01-01\n');
    const { files } = await importFiles({ db: t.db, dataDir: t.config.dataDir, files: [{ kind: "customers", file }] });
    expect(files[0]).toMatchObject({ new: 2, rejected: 0 });
    expect(files[0].refused).toBeUndefined();
    const names = await t.db.sql.all<{ name: string }>(
      "SELECT name FROM customers WHERE external_id IN ('W1', 'W2') ORDER BY external_id",
    );
    expect(names.map((r) => r.name)).toEqual(['Acme "West"\nBranch', 'a"b']);
  });
});
