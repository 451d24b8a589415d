#!/usr/bin/env node
// The `retain` command. Runs the compiled JavaScript in dist/ (built on `npm install` by
// scripts/build-cli.mjs) when it is current, else the TypeScript sources through tsx, so an
// edited source is never shadowed by an old build.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { newestSourceTime } from "../scripts/source-time.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Commands keep the terminal for their own output; the server logs what it does.
process.env.LOG_LEVEL ??= process.argv.includes("serve") ? "info" : "warn";

if (isBuildCurrent()) {
  await import("../dist/src/cli/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}

function isBuildCurrent() {
  const stamp = join(root, "dist", "built-from.json");
  if (process.env.RETAIN_FROM_SOURCE === "1" || !existsSync(stamp)) return false;
  return JSON.parse(readFileSync(stamp, "utf8")).newestSource >= newestSourceTime(["src", "jobs"], root);
}
