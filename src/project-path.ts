import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding package.json, found by walking up: the same from src/ (tsx) and from dist/ (compiled). */
const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  if (existsSync(join(dir, "package.json"))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error(`retain: no package.json above ${fileURLToPath(import.meta.url)}`);
  return findRoot(parent);
}

/** A path inside Retain's own files (migrations, plays, dashboard assets), e.g. projectPath("prisma", "migrations"). */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
