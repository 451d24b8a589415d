import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, moneyFormatter } from "./format-money.ts";

describe("formatMoney", () => {
  it.each([
    [59.09, "USD", "$59.09"],
    [140127.19, "USD", "$140,127.19"],
    [140127.19, "EUR", "€140,127.19"],
    [0, "EUR", "€0.00"],
    [-12.5, "USD", "-$12.50"],
    [1234.5, "JPY", "¥1,235"],
    [10, "CAD", "CA$10.00"],
    [10, "GBP", "£10.00"],
    [null, "USD", "–"],
    [undefined, "EUR", "–"],
    [Number.NaN, "USD", "–"],
  ])("%j %s → %s", (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toBe(text);
    expect(moneyFormatter(currency)(amount)).toBe(text);
  });

  it("defaults to USD", () => expect(formatMoney(1)).toBe("$1.00"));

  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["BHD", 3],
  ])("%s has %i decimals", (currency, digits) => expect(currencyDigits(currency)).toBe(digits));
});
