import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveModelVersion, listModelEvents } from "../src/db/repositories/model-versions.ts";
import { promoteModel, rollbackModel, trainFromDatabase, type TrainingReport } from "../src/model/registry/index.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

// A world big enough (800 customers, ~3,000 test-window rows) for a real difference to clear the noise.
describe.each(testDialects())("the promotion rule on %s", (dialect) => {
  let t: TestDatabase;
  let modelsDir: string;
  let weak: TrainingReport;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    await importDemoWorld(t, { customers: 800 });
  }, 180_000);
  afterAll(() => t.drop());

  it("promotes a real improvement: a model with the usage, support and renewal features over one without them", async () => {
    const full = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES, seed: 1 });
    const features: string[] = JSON.parse(
      readFileSync(join(modelsDir, full.version, "preprocessing.json"), "utf8"),
    ).features.map((f: { name: string }) => f.name);
    const accountOnly = features.filter((f) => !["mrr", "segment", "plan"].includes(f));
    weak = await trainFromDatabase({
      db: t.db,
      modelsDir,
      candidates: QUICK_CANDIDATES,
      seed: 2,
      excludeFeatures: accountOnly,
    });
    await promoteModel({ db: t.db, version: weak.version, actor: "ada@example.com" }); // nothing active: no comparison
    const strong = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES, seed: 3 });
    const result = await promoteModel({ db: t.db, version: strong.version, actor: "ada@example.com" });
    expect(result).toMatchObject({ previous: weak.version, forced: false, verdict: { earns: true, misses: [] } });
    const { comparison } = result;
    expect(comparison!.auc.low).toBeGreaterThan(0);
    expect(comparison!.rows).toBe(strong.test.rows);
    expect(comparison!.candidate.auc).toBeCloseTo(strong.test.auc, 6); // the chosen pipeline: its own test AUC
    expect(comparison!.others.map((o) => o.version)).toContain(full.version); // the history, on the same rows
    const [event] = await listModelEvents(t.db, 1);
    expect(event).toMatchObject({ version: strong.version, action: "promote", actor: "ada@example.com" });
    expect(event.reason).toMatch(/^earned: on the same [\d,]+ rows \(test window of /);
    expect(JSON.parse(event.figures!).comparison.auc.low).toBeGreaterThan(0);
  }, 180_000);

  it("refuses a candidate whose log loss is worse beyond the tolerance, even with an AUC that clears the noise", async () => {
    expect(await rollbackModel({ db: t.db })).toMatchObject({ version: weak.version }); // the weak model is active again
    const again = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES, seed: 4 });
    // Against the weak model the AUC clears the noise; a negative tolerance makes any log loss fail.
    const refused = promoteModel({ db: t.db, version: again.version, logLossTolerance: -1, actor: "cli:test" });
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT", details: { verdict: { earns: false } } });
    const message = await refused.catch((e: Error) => e.message);
    expect(message).toMatch(/does not earn promotion over the active model [\w-]+: expected log loss no worse than -1/);
    expect(message).not.toContain("expected the AUC interval to lie above zero");
    expect((await findActiveModelVersion(t.db))?.version).toBe(weak.version);
  }, 180_000);
});
