// Entry point of the SQLite writer thread: registers the TypeScript loader (workers do not
// inherit it), then runs the thread body.
import { register } from "tsx/esm/api";

register();
await import("./sqlite-writer-thread.ts");
