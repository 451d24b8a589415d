// Entry point of a worker thread: the body is sqlite-writer-thread.ts (compiled or through tsx).
import { runThreadBody } from "../run-thread-body.mjs";

await runThreadBody(import.meta.url, "sqlite-writer-thread");
