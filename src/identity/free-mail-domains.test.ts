import { describe, expect, it } from "vitest";
import { emailDomain, isFreeMailDomain, normalizeEmail } from "./free-mail-domains.ts";

describe("normalizeEmail", () => {
  it.each([
    ["  Maria@Acme.COM ", "maria@acme.com"],
    ["a@b", "a@b"],
    ['"odd@local"@acme.com', '"odd@local"@acme.com'],
    ["no-at-sign", null],
    ["@acme.com", null],
    ["maria@", null],
    ["   ", null],
    [null, null],
    [undefined, null],
  ])("%j → %j", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe("emailDomain and free mail", () => {
  it("takes the part after the last @ and knows the big free-mail providers, not company domains", () => {
    expect(emailDomain("maria@acme.com")).toBe("acme.com");
    expect(emailDomain('"odd@local"@acme.com')).toBe("acme.com");
    for (const d of ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"])
      expect(isFreeMailDomain(d)).toBe(true);
    for (const d of ["acme.com", "mail.acme.com", "gmail.co"]) expect(isFreeMailDomain(d)).toBe(false);
  });
});
