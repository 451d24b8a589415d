import { OutreachReason } from "./outreach-reasons.ts";

/** What a decision-log entry needs to be told in words. */
export interface DecisionFacts {
  status: string;
  reason: string | null;
  detail: string | null;
  arm: string;
  at: Date;
}

const DAY = 86_400_000;
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/;

/** "Tue 3 Mar 2026, 09:00" in `timeZone`, with the zone's name when it is not the reader's obvious one. */
export function peopleTime(at: Date, timeZone = "UTC"): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

const ago = (from: Date, to: Date) => {
  const days = Math.round((to.getTime() - from.getTime()) / DAY);
  return days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
};

const limit = (detail: string | null) => {
  const days = /within (\d+(?:\.\d+)?) days/.exec(detail ?? "")?.[1];
  return days ? `the ${days}-day limit` : "the limit between emails";
};

const timeIn = (detail: string | null, timeZone: string) => {
  const iso = ISO.exec(detail ?? "")?.[0];
  return iso ? peopleTime(new Date(iso), timeZone) : null;
};

/** Why a follow-up did not go (or failed), as a clause: "emailed 3 days ago, within the 14-day limit". */
export function reasonInWords(e: DecisionFacts, timeZone = "UTC"): string {
  const d = e.detail;
  switch (e.reason) {
    case OutreachReason.Unsubscribed:
      return "the customer unsubscribed from these emails";
    case OutreachReason.Bounced:
      return "an earlier email to this address bounced";
    case OutreachReason.Churned:
      return "the customer has churned";
    case OutreachReason.NoEmail:
      return d?.startsWith("unusable")
        ? "the customer's email address is not usable"
        : "the customer has no email address";
    case OutreachReason.NotAtRisk:
      return "no longer at risk in the latest risk run";
    case OutreachReason.TicketReopened:
      return d === "the ticket no longer exists" ? "the ticket no longer exists" : "the ticket was reopened";
    case OutreachReason.OtherTicketOpen: {
      const n = Number(/^(\d+)/.exec(d ?? "")?.[1] ?? 1);
      return n === 1 ? "another ticket of theirs is still open" : `${n} other tickets of theirs are still open`;
    }
    case OutreachReason.Snoozed: {
      const until = timeIn(d, timeZone);
      return until ? `the account is snoozed until ${until}` : "the account is snoozed";
    }
    case OutreachReason.FrequencyCap: {
      const other = ISO.exec(d ?? "")?.[0];
      if (!other) return `another follow-up is within ${limit(d)}`;
      if (!d?.startsWith("another follow-up")) return `emailed ${ago(new Date(other), e.at)}, within ${limit(d)}`;
      const when = new Date(other);
      return when <= e.at
        ? `another follow-up went ${ago(when, e.at)}, within ${limit(d)}`
        : `another follow-up is planned for ${peopleTime(when, timeZone)}, within ${limit(d)}`;
    }
    case OutreachReason.Expired: {
      const hours = /within (\d+(?:\.\d+)?) h/.exec(d ?? "")?.[1];
      return `it could not go within ${hours ? `${hours} hours` : "the allowed time"} of the planned time`;
    }
    case OutreachReason.ReviewSkipped:
      return d ? d.replace(/^skipped by /, "skipped in review by ") : "skipped in review";
    case OutreachReason.ReviewExpired: {
      const by = timeIn(d, timeZone);
      return by ? `nobody reviewed it by ${by}` : "nobody reviewed it in time";
    }
    case OutreachReason.SmtpBounce:
      return `the recipient's mail server refused the address${d ? ` (${d})` : ""}`;
    case OutreachReason.SmtpPermanent:
      return `the mail server refused it${d ? ` (${d})` : ""}`;
    case OutreachReason.RetriesExhausted:
      return "the mail server kept answering “try later” until the tries ran out";
    case OutreachReason.PlayMissing:
      return "its play is no longer in the plays folder";
    default:
      return e.reason ? e.reason.replace(/_/g, " ") : (d ?? "no reason recorded");
  }
}

/**
 * A decision-log entry as a sentence: "Not sent: emailed 3 days ago, within the 14-day limit", "Held out: in the
 * control group that measures the effect", "Sent to ops@northwind.example". Dates in `timeZone`.
 */
export function describeDecision(e: DecisionFacts, timeZone = "UTC"): string {
  switch (e.status) {
    case "scheduled":
      return "Scheduled: the email will go at the planned send time";
    case "held_for_review": {
      const m = /MRR ([\d.]+) is above ([\d.]+)/.exec(e.detail ?? "");
      const amounts = m
        ? ` (MRR ${Number(m[1]).toLocaleString("en")} is above ${Number(m[2]).toLocaleString("en")})`
        : "";
      return `Held for review: waits for the owner to send, edit or skip it${amounts}`;
    }
    case "held_out":
      return e.detail?.startsWith("planned send time reached")
        ? "Held out: the planned time came and no email went, as planned for the control group"
        : "Held out: in the control group that measures the effect";
    case "sent": {
      const to = / to ([^\s:]+@[^\s:]+):/.exec(e.detail ?? "")?.[1];
      return `Sent${to ? ` to ${to}` : ""}`;
    }
    case "deferred":
      return "Delayed: the mail server did not take it yet; it is tried again later";
    case "failed":
      return `Failed: ${reasonInWords(e, timeZone)}`;
    case "suppressed":
    case "cancelled":
      return `${e.arm === "holdout" ? "Held out, then stopped" : "Not sent"}: ${reasonInWords(e, timeZone)}`;
    default:
      return e.status;
  }
}
