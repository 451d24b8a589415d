import { describe, expect, it } from "vitest";
import { nameFromEmail, normalizeEmail } from "./users.ts";

describe("people's emails and names", () => {
  it.each([
    ["jane.doe@cs.example", "Jane Doe"],
    ["ana_lopez+cs@x.io", "Ana Lopez Cs"],
    ["bob@x.io", "Bob"],
  ])("%s → a starting name %s", (email, name) => {
    expect(nameFromEmail(email)).toBe(name);
  });

  it("stores emails trimmed and lowercased, refusing what is not an email", () => {
    expect(normalizeEmail("  Ana@Example.COM ")).toBe("ana@example.com");
    expect(() => normalizeEmail("ana@localhost")).toThrow(
      'email: expected an email address like ana@example.com, found "ana@localhost"',
    );
  });
});
