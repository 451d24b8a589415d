import { describe, expect, it } from "vitest";
import { keyFingerprint, parseCookies, readSessionCookie, signSessionCookie } from "./session-cookie.ts";

const SECRET = "unit-secret-0123456789";
const claims = { keyId: 7, fingerprint: keyFingerprint(SECRET, "abc123"), expiresAt: 2_000_000_000 };

describe("session cookie", () => {
  it("round-trips signed claims until they expire", () => {
    const cookie = signSessionCookie(SECRET, claims);
    expect(cookie).toMatch(/^v1\.7\.2000000000\.[\w-]{22}\.[\w-]{43}$/);
    expect(readSessionCookie(SECRET, cookie, 1_999_999_999_000)).toEqual(claims);
    expect(readSessionCookie(SECRET, cookie, 2_000_000_000_000)).toBeNull();
  });

  it.each([
    ["another secret", (c: string) => c, "other-secret-0123456789"],
    ["a changed key id", (c: string) => c.replace("v1.7.", "v1.8."), SECRET],
    ["a later expiry", (c: string) => c.replace(".2000000000.", ".2100000000."), SECRET],
    ["a cut signature", (c: string) => c.slice(0, -2), SECRET],
    ["another version", (c: string) => c.replace(/^v1/, "v2"), SECRET],
    ["garbage", () => "hello", SECRET],
  ])("refuses %s", (_what, change, secret) => {
    expect(readSessionCookie(secret, change(signSessionCookie(SECRET, claims)), 0)).toBeNull();
  });

  it("fingerprints differ by key hash and by secret", () => {
    expect(keyFingerprint(SECRET, "a")).not.toBe(keyFingerprint(SECRET, "b"));
    expect(keyFingerprint(SECRET, "a")).not.toBe(keyFingerprint("x".repeat(20), "a"));
  });

  it("parses a Cookie header, first occurrence wins", () => {
    expect(parseCookies("a=1; retain_session=v1.x; a=2;bad; =x")).toEqual(
      new Map([
        ["a", "1"],
        ["retain_session", "v1.x"],
      ]),
    );
    expect(parseCookies(undefined).size).toBe(0);
  });
});
