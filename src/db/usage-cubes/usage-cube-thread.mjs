// Entry point of a usage reader thread: registers the TypeScript loader (workers do not
// inherit it), then runs the thread body.
import { register } from "tsx/esm/api";

register();
await import("./usage-cube-thread.ts");
