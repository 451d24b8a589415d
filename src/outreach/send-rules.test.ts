import { describe, expect, it } from "vitest";
import { findBlockingRule, RulePhase, type RuleFacts } from "./send-rules.ts";

const NOW = new Date("2026-03-03T10:00:00Z");
const DAY = 86_400_000;
const base: RuleFacts = {
  phase: RulePhase.Send,
  now: NOW,
  plannedAt: new Date(NOW.getTime() - 3_600_000),
  email: "ops@northwind.test",
  churnDate: null,
  state: null,
  atRisk: true,
  ticket: { closedAt: new Date("2026-03-02T09:00:00Z"), status: "closed", reopenedCount: 0 },
  reopenedCountWhenDecided: 0,
  otherOpenTickets: 0,
  capConflict: false,
  capMs: 14 * DAY,
  expireMs: 72 * 3_600_000,
};
const state = (s: Partial<NonNullable<RuleFacts["state"]>>) => ({
  snoozedUntil: null,
  unsubscribedAt: null,
  bouncedAt: null,
  lastContactedAt: null,
  ...s,
});

describe("the rules checked before a follow-up goes", () => {
  it("lets a follow-up go when nothing blocks it", () => expect(findBlockingRule(base)).toBeNull());

  it.each<[string, Partial<RuleFacts>, string | null]>([
    ["unsubscribed", { state: state({ unsubscribedAt: new Date("2026-03-01T00:00:00Z") }) }, "unsubscribed"],
    ["bounced", { state: state({ bouncedAt: new Date("2026-03-01T00:00:00Z") }) }, "bounced"],
    ["churned", { churnDate: new Date("2026-03-01T00:00:00Z") }, "churned"],
    ["no email", { email: null }, "no_email"],
    ["an email with a line break", { email: "a@b.test\r\nBcc: c@d.test" }, "no_email"],
    ["no longer at risk", { atRisk: false }, "not_at_risk"],
    ["closed_at cleared", { ticket: { closedAt: null, status: "closed", reopenedCount: 0 } }, "ticket_reopened"],
    ["status back to open", { ticket: { closedAt: NOW, status: "open", reopenedCount: 0 } }, "ticket_reopened"],
    ["reopened_count grew", { ticket: { closedAt: NOW, status: "solved", reopenedCount: 1 } }, "ticket_reopened"],
    ["another ticket open", { otherOpenTickets: 2 }, "other_ticket_open"],
    [
      "another ticket open, when deciding (it may close in time)",
      { otherOpenTickets: 2, phase: RulePhase.Schedule },
      null,
    ],
    ["snoozed past now", { state: state({ snoozedUntil: new Date(NOW.getTime() + DAY) }) }, "snoozed"],
    ["snooze over", { state: state({ snoozedUntil: new Date(NOW.getTime() - 1) }) }, null],
    ["another follow-up within the cap", { capConflict: true }, "frequency_cap"],
    [
      "contacted by the CSM 13 days ago",
      { state: state({ lastContactedAt: new Date(NOW.getTime() - 13 * DAY) }) },
      "frequency_cap",
    ],
    ["contacted 15 days ago", { state: state({ lastContactedAt: new Date(NOW.getTime() - 15 * DAY) }) }, null],
    ["73 h past the planned send", { plannedAt: new Date(NOW.getTime() - 73 * 3_600_000) }, "expired"],
    [
      "73 h past, when deciding",
      { plannedAt: new Date(NOW.getTime() - 73 * 3_600_000), phase: RulePhase.Schedule },
      null,
    ],
  ])("%s → %s", (_why, change, reason) => {
    expect(findBlockingRule({ ...base, ...change })?.reason ?? null).toBe(reason);
  });

  it("checks consent before anything else and says why", () => {
    const blocked = findBlockingRule({
      ...base,
      atRisk: false,
      state: state({ unsubscribedAt: new Date("2026-03-01T10:00:00Z") }),
    });
    expect(blocked).toEqual({ reason: "unsubscribed", detail: "unsubscribed at 2026-03-01T10:00:00.000Z" });
  });
});
