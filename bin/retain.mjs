#!/usr/bin/env node
// The `retain` command: runs the TypeScript sources through tsx (no build step).
import { register } from "tsx/esm/api";

// Commands keep the terminal for their own output; the server logs what it does.
process.env.LOG_LEVEL ??= process.argv.includes("serve") ? "info" : "warn";
register();
await import("../src/cli/main.ts");
