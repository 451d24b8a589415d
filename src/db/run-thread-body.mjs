// Runs a worker thread's body, `name` beside `entryUrl`: the compiled .js in dist/, else the .ts
// through tsx (workers do not inherit the parent's loader). Shared by the thread entry points.
import { existsSync } from "node:fs";

export async function runThreadBody(entryUrl, name) {
  const compiled = new URL(`./${name}.js`, entryUrl);
  if (existsSync(compiled)) return import(compiled.href);
  const { register } = await import("tsx/esm/api");
  register();
  return import(new URL(`./${name}.ts`, entryUrl).href);
}
