import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETAIN_BIN, type CliResult } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** Runs `retain …`; a process still running after `ms` is killed (code null): a server that should have refused to start. */
function runCliWithin(args: string[], env: NodeJS.ProcessEnv, ms: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RETAIN_BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** stderr split into the logger's JSON lines and the rest (what the CLI itself printed). */
function splitStderr(stderr: string): { logs: { msg?: string }[]; printed: string[] } {
  const lines = stderr.split("\n").filter((l) => l.trim());
  const isJson = (l: string) => l.startsWith("{") && l.endsWith("}");
  return { logs: lines.filter(isJson).map((l) => JSON.parse(l)), printed: lines.filter((l) => !isJson(l)) };
}

describe.each(testDialects())("retain serve at start on %s", (dialect) => {
  let t: TestDatabase;
  let occupied: Server;
  let port: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, "127.0.0.1", resolve));
    port = (occupied.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => occupied.close(resolve));
    await t.drop();
  });

  it(
    "on a port in use: one clear line naming the port and PORT=…, exit code 2, and neither the " +
      "worker nor the schedule started",
    async () => {
      const run = await runCliWithin(
        ["serve"],
        { ...t.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info" },
        30_000,
      );
      expect(run.code, run.stderr).toBe(2);
      const { logs, printed } = splitStderr(run.stderr);
      expect(printed).toEqual([
        `retain: port ${port} on 127.0.0.1 is already in use (another server is listening there): stop ` +
          `it, or choose another port: PORT=${port + 1} retain serve (or --port ${port + 1})`,
      ]);
      expect(logs.map((l) => l.msg)).not.toContain("outreach worker started");
      expect(logs.map((l) => l.msg)).not.toContain("nightly scoring scheduled");
      expect(run.stdout).toBe("");
    },
  );

  it("a bad RETAIN_AT_RISK_RULE is refused at start with the other bad settings, exit code 2", async () => {
    const run = await runCliWithin(
      ["serve", "--port", "0"],
      { ...t.env, RETAIN_AT_RISK_RULE: "top:150", RETAIN_TIMEZONE: "Mars/Base" },
      30_000,
    );
    expect(run.code, run.stderr).toBe(2);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("retain: bad environment:");
    expect(lines).toContain(
      '  RETAIN_AT_RISK_RULE: expected threshold:P (0 < P < 1), top:N (percent, 0 < N ≤ 100) or revenue:AMOUNT (≥ 0), found "top:150"',
    );
    expect(lines.some((l) => l.startsWith("  RETAIN_TIMEZONE: "))).toBe(true); // every bad setting at once
    expect(lines).toHaveLength(3);
  });
});
