import { join } from "node:path";
import { generateDemoWorld } from "../../src/demo/index.ts";
import { findImportFiles, importFiles } from "../../src/ingest/index.ts";
import type { CandidateConfig } from "../../src/model/train-candidates.ts";
import type { TestDatabase } from "./test-database.ts";

/** A fast model family for tests: logistic regression, few epochs. */
export const QUICK_CANDIDATES: CandidateConfig[] = [
  { name: "lr", kind: "lr", hidden: [], l2: 1e-4, learningRate: 0.05, maxEpochs: 12, patience: 3 },
];

/** Imports a small demo world (fixed end date) into a test database. */
export async function importDemoWorld(
  t: TestDatabase,
  options: { customers?: number; days?: number; seed?: number; end?: string } = {},
) {
  const { customers = 300, days = 400, seed = 11, end = "2025-12-31" } = options;
  const dir = join(t.config.dataDir, "world");
  await generateDemoWorld({ outDir: dir, customers, days, seed, end });
  await importFiles({ db: t.db, dataDir: t.config.dataDir, files: findImportFiles(dir) });
  return { dir, end };
}
