import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETAIN_BIN, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

/**
 * Starts `retain serve --port 0`, waits for the last start-up log line (the outreach worker starts after the
 * schedules), stops it with SIGTERM; resolves to its log lines.
 */
function serveOnce(env: NodeJS.ProcessEnv): Promise<{ msg?: string; cron?: string; timezone?: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RETAIN_BIN, "serve", "--port", "0"], {
      env: { ...env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stderr.on("data", (d) => {
      stderr += d;
      if (stderr.includes('"outreach worker started"')) child.kill("SIGTERM");
    });
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      const lines = stderr.split("\n").filter((l) => l.startsWith("{"));
      resolve(lines.map((l) => JSON.parse(l)));
    });
  });
}

describe("retain serve schedules the daily digest", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(() => t.drop());

  const digestLog = (logs: { msg?: string }[]) => logs.find((l) => l.msg === "daily digest scheduled");

  it("when SMTP_URL is set, at RETAIN_DIGEST_CRON in RETAIN_TIMEZONE; not with RETAIN_DIGEST=off or without SMTP", async () => {
    // Over SMTP, links must reach people: a public URL and a real sender (loopback ones are refused at start).
    const smtp = {
      SMTP_URL: "smtp://127.0.0.1:9",
      RETAIN_TIMEZONE: "Europe/Paris",
      RETAIN_PUBLIC_URL: "https://retain.example.com",
      RETAIN_MAIL_FROM: "Customer Success <cs@example.com>",
    };
    const [on, off, noSmtp] = await Promise.all([
      serveOnce({ ...t.env, ...smtp, RETAIN_DIGEST_CRON: "30 8 * * mon-fri" }),
      serveOnce({ ...t.env, ...smtp, RETAIN_DIGEST: "off" }),
      serveOnce({ ...t.env }),
    ]);
    expect(digestLog(on)).toMatchObject({ cron: "30 8 * * mon-fri", timezone: "Europe/Paris" });
    expect(on.map((l) => l.msg)).toContain("outreach worker started");
    expect(digestLog(off)).toBeUndefined();
    expect(off.map((l) => l.msg)).toContain("outreach worker started");
    expect(digestLog(noSmtp)).toBeUndefined();
  });

  it("a bad RETAIN_DIGEST_CRON or RETAIN_DIGEST is refused at start with the other bad settings (exit code 2)", async () => {
    const run = await runCli(["serve", "--port", "0"], { ...t.env, RETAIN_DIGEST_CRON: "7am", RETAIN_DIGEST: "yes" });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('  RETAIN_DIGEST: expected on or off, found "yes"');
    expect(run.stderr).toContain(
      '  RETAIN_DIGEST_CRON: expected a cron expression (minute hour day month weekday) like "0 7 * * 1-5", found "7am"',
    );
  });
});
