#!/usr/bin/env node
// Hard line-length limit for what the formatter cannot wrap (long strings, template literals, regular
// expressions): prints `file:line: N characters` for every longer line and exits 1 if there are any.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const MAX = 140;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIRS = ["src", "test", "jobs", "bench", "scripts", "bin"];
const EXCLUDED = [join("src", "db", "generated")];
const EXTENSIONS = /\.(ts|mts|cts|js|mjs|cjs|css)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(ROOT, path);
    if (EXCLUDED.some((x) => rel === x || rel.startsWith(`${x}${sep}`))) continue;
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") yield* files(path);
    } else if (EXTENSIONS.test(entry.name)) yield path;
  }
}

let over = 0;
for (const dir of DIRS) {
  let found;
  try {
    found = [...files(join(ROOT, dir))];
  } catch (error) {
    if (error.code === "ENOENT") continue;
    throw error;
  }
  for (const file of found.sort()) {
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((line, i) => {
      // Characters, not UTF-16 units: "€" and "–" count once.
      const length = [...line.replace(/\r$/, "")].length;
      if (length <= MAX) return;
      over++;
      console.log(`${relative(ROOT, file)}:${i + 1}: ${length} characters`);
    });
  }
}
if (over > 0) {
  console.log(`${over} line${over === 1 ? "" : "s"} longer than ${MAX} characters`);
  process.exit(1);
}
