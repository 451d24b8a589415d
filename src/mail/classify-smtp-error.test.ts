import { describe, expect, it } from "vitest";
import { classifySmtpError } from "./classify-smtp-error.ts";
import { isPlainAddress, parseMailbox, toHeaderText } from "./header-text.ts";

describe("SMTP failures", () => {
  it.each([
    [
      "550 to RCPT TO: a bounce",
      { code: "EENVELOPE", responseCode: 550, command: "RCPT TO", response: "550 no such user" },
      "permanent",
      true,
      false,
    ],
    [
      "554 to DATA: permanent, not a bounce",
      { code: "EMESSAGE", responseCode: 554, command: "DATA", response: "554 spam" },
      "permanent",
      false,
      false,
    ],
    [
      "451 to RCPT TO: transient, counted",
      { code: "EENVELOPE", responseCode: 451, command: "RCPT TO" },
      "transient",
      false,
      true,
    ],
    ["421 service closing: transient, counted", { code: "ECONNECTION", responseCode: 421 }, "transient", false, true],
    ["503 bad sequence: transient", { code: "EPROTOCOL", responseCode: 503 }, "transient", false, true],
    [
      "connection refused: an outage, not counted",
      { code: "ESOCKET", message: "connect ECONNREFUSED 127.0.0.1:25" },
      "transient",
      false,
      false,
    ],
    ["timeout: an outage", { code: "ETIMEDOUT", message: "Greeting never received" }, "transient", false, false],
    [
      "aborted before the claim lapsed: an outage",
      { code: "EABORT", message: "Message sending aborted" },
      "transient",
      false,
      false,
    ],
    ["something unknown: transient, counted", new Error("boom"), "transient", false, true],
  ])("%s", (_why, error, kind, bounce, counts) => {
    expect(classifySmtpError(error)).toMatchObject({ kind, bounce, countsTowardLimit: counts });
  });
});

describe("header text", () => {
  it("turns CR, LF and other controls into spaces", () => {
    expect(toHeaderText("Evil\r\nBcc: victim@evil.test\u0000\t x")).toBe("Evil Bcc: victim@evil.test x");
  });
  it.each([
    ["ops@northwind.test", true],
    ["retain@localhost", true],
    ["a@b.test\r\nBcc: c@d.test", false],
    ["a@b.test, c@d.test", false],
    ["Name <a@b.test>", false],
    ["", false],
  ])("%j is a plain address: %s", (value, ok) => expect(isPlainAddress(value)).toBe(ok));
  it("parses a configured sender", () => {
    expect(parseMailbox("Acme Customer Success <cs@acme.test>")).toEqual({
      name: "Acme Customer Success",
      address: "cs@acme.test",
    });
    expect(parseMailbox("cs@acme.test")).toEqual({ name: "", address: "cs@acme.test" });
    expect(parseMailbox("nobody")).toBeNull();
  });
});
