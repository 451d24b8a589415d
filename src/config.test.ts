import { describe, expect, it } from "vitest";
import { loadConfig, parseAtRiskRuleText } from "./config.ts";

describe("RETAIN_AT_RISK_RULE", () => {
  it.each([
    ["threshold:0.3", { kind: "threshold", value: 0.3 }],
    [" top:10 ", { kind: "top_percent", value: 10 }],
    ["top:100%", { kind: "top_percent", value: 100 }],
    ["revenue:0", { kind: "revenue", value: 0 }],
  ])("reads %s", (text, rule) => {
    expect(parseAtRiskRuleText(text)).toEqual(rule);
    expect(loadConfig({ RETAIN_AT_RISK_RULE: text }).atRiskRule).toBe(text);
  });

  it("unset or empty: the model's threshold", () => {
    expect(loadConfig({}).atRiskRule).toBeUndefined();
    expect(loadConfig({ RETAIN_AT_RISK_RULE: "" }).atRiskRule).toBeUndefined();
  });

  it.each(["threshold:0", "threshold:1", "top:0", "top:100.5", "revenue:-1", "revenue:1.2.3", "top", "bottom:5"])(
    "refuses %j when the configuration is read",
    (text) => {
      expect(parseAtRiskRuleText(text)).toBeNull();
      expect(() => loadConfig({ RETAIN_AT_RISK_RULE: text })).toThrow(
        `RETAIN_AT_RISK_RULE: expected threshold:P (0 < P < 1), top:N (percent, 0 < N ≤ 100) or ` +
          `revenue:AMOUNT (≥ 0), found ${JSON.stringify(text)}`,
      );
    },
  );
});

describe("RETAIN_CURRENCY", () => {
  it("defaults to USD", () => expect(loadConfig({}).currency).toBe("USD"));

  it.each(["USD", "EUR", "JPY", "GBP"])("reads %s", (code) =>
    expect(loadConfig({ RETAIN_CURRENCY: code }).currency).toBe(code),
  );

  it.each(["usd", "EURO", "US", "", " EUR", "XYZ", "E1R", "$"])(
    "refuses %j, saying what it expected and found",
    (code) => {
      expect(() => loadConfig({ RETAIN_CURRENCY: code })).toThrow(
        `RETAIN_CURRENCY: expected an ISO 4217 code such as USD or EUR, found ${JSON.stringify(code)}`,
      );
    },
  );

  it("is listed with the other bad variables", () => {
    expect(() => loadConfig({ RETAIN_CURRENCY: "eur", PORT: "0" })).toThrow(
      /PORT: .*\n.*RETAIN_CURRENCY: expected an ISO 4217 code/s,
    );
  });
});

describe("RETAIN_DIGEST and RETAIN_DIGEST_CRON", () => {
  it("is on by default when SMTP_URL is set, off without it, at 07:00 on weekdays", () => {
    expect(loadConfig({ SMTP_URL: "smtp://mail.test:25" }).digest).toEqual({ enabled: true, cron: "0 7 * * 1-5" });
    expect(loadConfig({}).digest).toEqual({ enabled: false, cron: "0 7 * * 1-5" });
  });

  it("RETAIN_DIGEST=off turns it off, =on turns it on without SMTP (written to the outbox folder)", () => {
    expect(loadConfig({ SMTP_URL: "smtp://mail.test:25", RETAIN_DIGEST: "off" }).digest.enabled).toBe(false);
    expect(loadConfig({ RETAIN_DIGEST: "on" }).digest.enabled).toBe(true);
  });

  it("reads a schedule", () =>
    expect(loadConfig({ RETAIN_DIGEST_CRON: "30 8 * * mon-fri" }).digest.cron).toBe("30 8 * * mon-fri"));

  it.each([
    ["RETAIN_DIGEST", "yes", 'RETAIN_DIGEST: expected on or off, found "yes"'],
    [
      "RETAIN_DIGEST_CRON",
      "7am",
      'RETAIN_DIGEST_CRON: expected a cron expression (minute hour day month weekday) like "0 7 * * 1-5", found "7am"',
    ],
    ["RETAIN_DIGEST_CRON", "0 25 * * *", "RETAIN_DIGEST_CRON: expected a cron expression"],
  ])("refuses %s=%j, saying what it expected and found", (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
