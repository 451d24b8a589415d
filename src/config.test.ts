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
