import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const RETAIN_BIN = fileURLToPath(new URL("../../bin/retain.mjs", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `retain` CLI in a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RETAIN_BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The JSON object on the last line of stdout. */
// biome-ignore lint/suspicious/noExplicitAny: tests read JSON output of every shape
export function lastJsonLine(stdout: string): any {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}
