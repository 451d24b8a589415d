import { describe, expect, it } from "vitest";
import { contactFirstName, readableTicketNumber } from "./greeting.ts";

const facts = (requesterName: string | null, contactName: string | null, name = "Brightpoint Education") => ({
  ticket: { requesterName } as never,
  customer: { name, contactName } as never,
});

describe("the greeting's name", () => {
  it.each([
    ["Maria Garcia", null, "Maria"],
    [null, "Tom Baker", "Tom"],
    ["  Ana  Lopez ", "Tom Baker", "Ana"],
    ["ops@northwind.test", "Tom Baker", "Tom"],
    ["Brightpoint Education", null, null],
    [null, null, null],
    ["", "  ", null],
  ])("requester %j, contact %j → %j", (requester, contact, expected) => {
    expect(contactFirstName(facts(requester, contact))).toBe(expected);
  });
});

describe("ticket numbers as people read them", () => {
  it.each([
    ["4512", "#4512"],
    ["T-4512", "#4512"],
    ["ZD-4512", "#4512"],
    ["zendesk:4512", "#4512"],
    ["#77", "#77"],
    ["T-0042", "#42"],
    ["2f6c1d9e-7b", "2f6c1d9e-7b"],
    ["CASE-2026-04", "CASE-2026-04"],
  ])("%s → %s", (id, expected) => expect(readableTicketNumber(id)).toBe(expected));
});
