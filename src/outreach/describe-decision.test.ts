import { describe, expect, it } from "vitest";
import { describeDecision, peopleTime } from "./describe-decision.ts";

const at = new Date("2026-03-05T10:00:00Z");
const entry = (status: string, reason: string | null, detail: string | null, arm = "treatment") => ({
  status,
  reason,
  detail,
  arm,
  at,
});

describe("the outreach log in words", () => {
  it.each([
    [
      entry("cancelled", "frequency_cap", "contacted at 2026-03-02T09:00:00.000Z, within 14 days"),
      "Not sent: emailed 3 days ago, within the 14-day limit",
    ],
    [
      entry("suppressed", "frequency_cap", "another follow-up within 14 days"),
      "Not sent: another follow-up is within the 14-day limit",
    ],
    [
      entry("cancelled", "frequency_cap", "another follow-up at 2026-03-02T08:00:00.000Z within 14 days"),
      "Not sent: another follow-up went 3 days ago, within the 14-day limit",
    ],
    [
      entry("suppressed", "frequency_cap", "another follow-up at 2026-03-09T08:00:00.000Z within 14 days"),
      "Not sent: another follow-up is planned for Mon 9 Mar 2026, 09:00 CET, within the 14-day limit",
    ],
    [
      entry("held_out", null, "holdout (10 % of customers): no email", "holdout"),
      "Held out: in the control group that measures the effect",
    ],
    [
      entry("cancelled", "ticket_reopened", "holdout: status is open", "holdout"),
      "Held out, then stopped: the ticket was reopened",
    ],
    [entry("sent", null, "<retain.1.ab@acme.test> to ops@northwind.test: 250 queued"), "Sent to ops@northwind.test"],
    [entry("suppressed", "no_email", "customer has no email"), "Not sent: the customer has no email address"],
    [
      entry("cancelled", "snoozed", "snoozed until 2026-03-06T09:00:00.000Z"),
      "Not sent: the account is snoozed until Fri 6 Mar 2026, 10:00 CET",
    ],
    [
      entry("cancelled", "review_skipped", "skipped by Jane Doe: renewal call tomorrow"),
      "Not sent: skipped in review by Jane Doe: renewal call tomorrow",
    ],
    [
      entry("cancelled", "review_expired", "nobody reviewed it by 2026-03-04T07:00:00.000Z"),
      "Not sent: nobody reviewed it by Wed 4 Mar 2026, 08:00 CET",
    ],
    [
      entry("held_for_review", null, "MRR 2500 is above 1000: held for the owner's review until …"),
      "Held for review: waits for the owner to send, edit or skip it (MRR 2,500 is above 1,000)",
    ],
    [
      entry("cancelled", "other_ticket_open", "2 other ticket(s) open"),
      "Not sent: 2 other tickets of theirs are still open",
    ],
    [
      entry("failed", "retries_exhausted", "8 transient SMTP replies"),
      "Failed: the mail server kept answering “try later” until the tries ran out",
    ],
  ])("%o → %s", (e, words) => expect(describeDecision(e, "Europe/Paris")).toBe(words));

  it("dates in people's format in the given zone", () => {
    expect(peopleTime(new Date("2026-07-01T16:05:00Z"), "America/New_York")).toBe("Wed 1 Jul 2026, 12:05 GMT-4");
    expect(peopleTime(new Date("2026-07-01T16:05:00Z"))).toBe("Wed 1 Jul 2026, 16:05 UTC");
  });
});
