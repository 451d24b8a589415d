// Entry point of a worker thread. In the compiled dist/ the thread body is the sibling .js; from
// the sources it is the .ts, run through tsx (workers do not inherit the parent's loader).
import { existsSync } from "node:fs";

const compiled = new URL("./sqlite-writer-thread.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./sqlite-writer-thread.ts");
}
