import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newestSourceTime } from "../scripts/source-time.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// Logs every module the compiled CLI resolves, on stderr.
const TRACE_IMPORTS = `data:text/javascript,${encodeURIComponent(`
import { register } from "node:module";
register(
  "data:text/javascript," +
    encodeURIComponent(
      "export async function resolve(s, c, next) { const r = await next(s, c); " +
        "process.stderr.write('resolved ' + r.url + '\\\\n'); return r; }",
    ),
);
`)}`;

describe("the compiled CLI", () => {
  it("`retain --help` from dist/ loads commander and small modules only: no Prisma, TensorFlow.js, Express, zod or pino", () => {
    const run = spawnSync(process.execPath, ["--import", TRACE_IMPORTS, join(ROOT, "dist/src/cli/main.js"), "--help"], {
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Usage: retain/m);
    const resolved = run.stderr.split("\n").filter((l) => l.startsWith("resolved "));
    expect(resolved.some((l) => l.includes("/dist/src/cli/commands/train.js"))).toBe(true);
    const heavy = resolved.filter((l) =>
      /node_modules\/(@prisma|@tensorflow|express|zod|pino|better-sqlite3|pg)\//.test(l),
    );
    expect(heavy).toEqual([]);
  });

  it("the launcher takes dist/ only when it is newer than every source file", () => {
    const dir = mkdtempSync(join(tmpdir(), "retain-sources-"));
    mkdirSync(join(dir, "src", "db"), { recursive: true });
    mkdirSync(join(dir, "jobs"));
    const files = {
      "src/a.ts": 1_000,
      "src/db/b.ts": 3_000,
      "jobs/c.ts": 2_000,
      "src/db/b.test.ts": 9_000,
      "src/notes.md": 8_000,
    };
    for (const [name, seconds] of Object.entries(files)) {
      writeFileSync(join(dir, name), "");
      utimesSync(join(dir, name), seconds, seconds);
    }
    // Tests and non-source files do not make a build stale.
    expect(newestSourceTime(["src", "jobs"], dir)).toBe(3_000_000);
  });
});
