import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAND_AS_OF, writeHandWorld } from "./helpers/hand-world.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

describe("retain features", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const dir = join(t.config.dataDir, "hand");
    writeHandWorld(dir);
    expect((await runCli(["import", dir], t.env)).code).toBe(0);
  });
  afterAll(() => t.drop());

  it("writes the frame as CSV, missing values as empty fields", async () => {
    const out = join(t.config.dataDir, "features.csv");
    const result = await runCli(["features", "--as-of", HAND_AS_OF, "--out", out, "--json"], t.env);
    expect(result.code).toBe(0);
    // usage ends at T: only the churn is known
    expect(lastJsonLine(result.stdout)).toMatchObject({ file: out, rows: 3, labelled: 1, churned: 1 });
    const [header, ...lines] = readFileSync(out, "utf8").trim().split("\n");
    const columns = header.split(",");
    expect(columns.slice(0, 3)).toEqual(["customer_id", "as_of", "plan"]);
    expect(columns.at(-1)).toBe("churned");
    const h2 = lines.find((l) => l.startsWith("H2,"))!.split(",");
    expect(h2[columns.indexOf("csat_last")]).toBe("");
    expect(h2[columns.indexOf("logins_days_inactive")]).toBe("181");
  });

  it("--describe prints every catalogue column with its statistics, even all-missing ones", async () => {
    const out = join(t.config.dataDir, "described.csv");
    const result = await runCli(["features", "--as-of", HAND_AS_OF, "--out", out, "--describe"], t.env);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^feature\s+window\s+count\s+missing\s+min\s+median\s+max\s+distinct\s+most common\s+meaning$/,
    );
    // logins_7d over H1 2, H2 0, H5 6: count 3, min 0, median 2, max 6
    expect(lines.find((l) => l.startsWith("logins_7d "))).toMatch(
      /^logins_7d\s+last 7 days\s+3\s+0\s+0\s+2\s+6\s+sum of logins$/,
    );
    expect(lines.find((l) => l.startsWith("nps_category "))).toMatch(/\s3\s+0\s+2\s+none \(2\)\s+promoter/);
    expect(lines.find((l) => l.startsWith("ces_trend "))).toMatch(/\s1\s+2\s+-3\s+-3\s+-3\s/);
    expect(result.stdout).toContain("wrote 3 rows");
  });

  it("--describe --json gives the same as JSON", async () => {
    const result = await runCli(
      ["features", "--as-of", HAND_AS_OF, "--out", join(t.config.dataDir, "f.csv"), "--describe", "--json"],
      t.env,
    );
    expect(result.code).toBe(0);
    const { features } = lastJsonLine(result.stdout);
    expect(features.find((f: { name: string }) => f.name === "logins_vs_prev30")).toMatchObject({
      window: "last 60 days",
      count: 2,
      missing: 1,
      min: 0.5,
      median: 0.875,
      max: 1.25,
    });
    expect(features.find((f: { name: string }) => f.name === "segment")).toMatchObject({
      count: 2,
      missing: 1,
      distinct: 2,
      min: null,
    });
  });

  it("--describe without --as-of prints the catalogue; without either it says what is missing", async () => {
    const catalogue = await runCli(["features", "--describe"], t.env);
    expect(catalogue.code).toBe(0);
    expect(catalogue.stdout).toMatch(/^<metric>_slope_12w\s+last 12 weeks\s+least-squares slope/m);
    const bad = await runCli(["features"], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--as-of: expected a date YYYY-MM-DD");
  });
});
