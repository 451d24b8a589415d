// The newest modification time among the TypeScript sources: tells bin/retain.mjs whether dist/ is current.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Milliseconds since the epoch of the most recently modified .ts/.mjs file under the roots. */
export function newestSourceTime(roots = ["src", "jobs"], base = ".") {
  let newest = 0;
  for (const root of roots) {
    for (const name of readdirSync(join(base, root), { recursive: true })) {
      if (!/\.(ts|mjs)$/.test(name) || name.endsWith(".test.ts")) continue;
      newest = Math.max(newest, statSync(join(base, root, name)).mtimeMs);
    }
  }
  return newest;
}
