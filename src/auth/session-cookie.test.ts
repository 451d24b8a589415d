import { describe, expect, it } from "vitest";
import { credentialFingerprint, parseCookies, readSessionCookie, signSessionCookie } from "./session-cookie.ts";

const SECRET = "unit-secret-0123456789";
const subject = { kind: "key", id: 7 } as const;
const claims = { subject, fingerprint: credentialFingerprint(SECRET, subject, "abc123"), expiresAt: 2_000_000_000 };

describe("session cookie", () => {
  it("round-trips signed claims until they expire", () => {
    const cookie = signSessionCookie(SECRET, claims);
    expect(cookie).toMatch(/^v2\.k7\.2000000000\.[\w-]{22}\.[\w-]{43}$/);
    expect(readSessionCookie(SECRET, cookie, 1_999_999_999_000)).toEqual(claims);
    expect(readSessionCookie(SECRET, cookie, 2_000_000_000_000)).toBeNull();
  });

  it.each([
    ["another secret", (c: string) => c, "other-secret-0123456789"],
    ["a changed key id", (c: string) => c.replace("v2.k7.", "v2.k8."), SECRET],
    ["a key id turned user id", (c: string) => c.replace("v2.k7.", "v2.u7."), SECRET],
    ["a later expiry", (c: string) => c.replace(".2000000000.", ".2100000000."), SECRET],
    ["a cut signature", (c: string) => c.slice(0, -2), SECRET],
    ["another version", (c: string) => c.replace(/^v2/, "v1"), SECRET],
    ["garbage", () => "hello", SECRET],
  ])("refuses %s", (_what, change, secret) => {
    expect(readSessionCookie(secret, change(signSessionCookie(SECRET, claims)), 0)).toBeNull();
  });

  it("reads a user's session", () => {
    const user = { subject: { kind: "user", id: 42 } as const, fingerprint: "f".repeat(22), expiresAt: 2_000_000_000 };
    expect(readSessionCookie(SECRET, signSessionCookie(SECRET, user), 0)).toEqual(user);
  });

  it("fingerprints differ by credential, by subject and by secret", () => {
    const user = { kind: "user", id: 7 } as const;
    expect(credentialFingerprint(SECRET, subject, "a")).not.toBe(credentialFingerprint(SECRET, subject, "b"));
    expect(credentialFingerprint(SECRET, subject, "a")).not.toBe(credentialFingerprint(SECRET, user, "a"));
    expect(credentialFingerprint(SECRET, subject, "a")).not.toBe(credentialFingerprint("x".repeat(20), subject, "a"));
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
