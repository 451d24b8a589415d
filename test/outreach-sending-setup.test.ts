import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSendingSetup, isLoopbackHost } from "../src/outreach/index.ts";
import { OUTREACH_TEST_ENV } from "./helpers/outreach-world.ts";
import { runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const sender = { name: "CS", address: "cs@acme.test" };

describe("what real email needs before it goes out", () => {
  it.each(["localhost", "app.localhost", "127.0.0.1", "127.3.2.1", "[::1]", "0.0.0.0"])("%s is loopback", (host) =>
    expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(["retain.example.com", "10.0.0.5", "localhost.example.com"])("%s is not", (host) =>
    expect(isLoopbackHost(host)).toBe(false),
  );

  it("over SMTP, a loopback base URL and an @localhost sender are refused, each with the variable to set", () => {
    const smtpUrl = "smtp://mail.example.com:587";
    expect(() => checkSendingSetup({ smtpUrl, publicUrl: "http://127.0.0.1:3000", sender })).toThrow(
      /RETAIN_PUBLIC_URL is http:\/\/127\.0\.0\.1:3000, which only this machine reaches.*Set RETAIN_PUBLIC_URL/,
    );
    expect(() =>
      checkSendingSetup({
        smtpUrl,
        publicUrl: "https://retain.acme.test",
        sender: { name: "", address: "r@localhost" },
      }),
    ).toThrow(/RETAIN_MAIL_FROM is r@localhost.*Set RETAIN_MAIL_FROM/);
    expect(() => checkSendingSetup({ smtpUrl, publicUrl: "https://retain.acme.test", sender })).not.toThrow();
    // Without SMTP the emails are files in data/outbox: the demo's loopback defaults are fine.
    expect(() => checkSendingSetup({ publicUrl: "http://127.0.0.1:3000", sender })).not.toThrow();
  });
});

describe.each(testDialects())("refused at start over SMTP on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  const env = (extra: NodeJS.ProcessEnv) => {
    const e: NodeJS.ProcessEnv = { ...t.env, ...OUTREACH_TEST_ENV, SMTP_URL: "smtp://127.0.0.1:1", ...extra };
    for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
    return e;
  };

  it("`retain outreach run` and `retain serve` with the default (loopback) base URL: exit 2, saying to set RETAIN_PUBLIC_URL", async () => {
    for (const args of [
      ["outreach", "run"],
      ["serve", "--port", "0"],
    ]) {
      const run = await runCli(args, env({ RETAIN_PUBLIC_URL: undefined }));
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("refusing to send email over SMTP_URL");
      expect(run.stderr).toMatch(/RETAIN_PUBLIC_URL is http:\/\/127\.0\.0\.1:3000, which only this machine reaches/);
      expect(run.stderr).toContain("Set RETAIN_PUBLIC_URL to the address people reach this server on");
      expect(run.stdout).not.toContain("serving on");
    }
  });

  it("an @localhost sender is refused the same way; without SMTP_URL the run goes ahead", async () => {
    const run = await runCli(["outreach", "run"], env({ RETAIN_MAIL_FROM: "Customer Success <retain@localhost>" }));
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("RETAIN_MAIL_FROM is retain@localhost");
    const offline = await runCli(
      ["outreach", "run", "--json"],
      env({ SMTP_URL: undefined, RETAIN_PUBLIC_URL: undefined }),
    );
    expect(offline.code, offline.stderr).toBe(0);
  });
});
