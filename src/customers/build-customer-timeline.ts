import type { CustomerEventRow, CustomerNote, CustomerSurvey, CustomerTicket } from "../db/index.ts";
import { DecisionStatus } from "../outreach/index.ts";
import { CustomerEventKind, TimelineKind } from "./timeline-kinds.ts";

/** One dated item of a customer's timeline. */
export interface TimelineItem {
  at: Date;
  kind: TimelineKind;
  /** What happened, in words ("Ticket T1 opened", "Entered the at-risk list"). */
  title: string;
  /** More about it (a subject, a comment, a reason); null when nothing more. */
  detail: string | null;
  /** Who did it (a CSM, an agent); null for the customer or the system. */
  actor: string | null;
}

/** The sources of a timeline, as the customer view reads them. */
export interface TimelineSources {
  tickets: CustomerTicket[];
  surveys: CustomerSurvey[];
  outreach: { at: Date; ticketId: string; play: string; status: string; reason: string | null; arm: string }[];
  notes: Omit<CustomerNote, "customerId">[];
  events: CustomerEventRow[];
  /** Oldest first. */
  risk: { asOf: Date; probability: number; band: string; atRisk: boolean }[];
}

const pct = (p: number) => `${Math.round(p * 100)} %`;
const day = (d: Date) => d.toISOString().slice(0, 10);

function ticketItems(t: CustomerTicket): TimelineItem[] {
  const detail = [t.subject, `${t.channel}, ${t.priority} priority`].filter(Boolean).join(" · ");
  const items: TimelineItem[] = [
    { at: t.createdAt, kind: TimelineKind.Ticket, title: `Ticket ${t.externalId} opened`, detail, actor: null },
  ];
  if (t.closedAt)
    items.push({
      at: t.closedAt,
      kind: TimelineKind.Ticket,
      title: `Ticket ${t.externalId} closed`,
      detail: t.subject,
      actor: t.agentName,
    });
  return items;
}

function emailItem(o: TimelineSources["outreach"][number]): TimelineItem {
  const sent = o.status === DecisionStatus.Sent;
  const title = sent
    ? `Follow-up email sent (${o.play})`
    : `Follow-up email ${o.status === DecisionStatus.HeldOut ? "held out" : o.status.replace("_", " ")} (${o.play})`;
  const detail = [`ticket ${o.ticketId}`, `${o.arm} arm`, o.reason].filter(Boolean).join(" · ");
  return { at: o.at, kind: TimelineKind.Email, title, detail, actor: null };
}

function eventItem(e: CustomerEventRow): TimelineItem {
  const base = { at: e.at, actor: e.actor };
  switch (e.kind) {
    case CustomerEventKind.Owner:
      return {
        ...base,
        kind: TimelineKind.Owner,
        title: e.value ? `Owner set to ${e.value}` : "Owner back to the imported one",
        detail: e.previous ? `was ${e.previous}` : null,
      };
    case CustomerEventKind.Snooze:
      return {
        ...base,
        kind: TimelineKind.Snooze,
        title: `Snoozed until ${e.until ? day(e.until) : "?"}`,
        detail: e.value,
      };
    case CustomerEventKind.Unsnooze:
      return { ...base, kind: TimelineKind.Snooze, title: "Snooze ended", detail: null };
    case CustomerEventKind.Contact:
      return {
        ...base,
        kind: TimelineKind.Contact,
        title: `Contacted by ${e.value ?? "an unknown channel"}`,
        detail: null,
      };
    default:
      return { ...base, kind: TimelineKind.Note, title: "Note edited", detail: e.value };
  }
}

function riskItems(risk: TimelineSources["risk"]): TimelineItem[] {
  const items: TimelineItem[] = [];
  risk.forEach((r, i) => {
    const before = risk[i - 1];
    const parts: string[] = [];
    if (!before) parts.push(r.atRisk ? "First scored: at risk" : "First scored");
    else if (before.atRisk !== r.atRisk) parts.push(r.atRisk ? "Entered the at-risk list" : "Left the at-risk list");
    if (before && before.band !== r.band) parts.push(`band ${before.band} → ${r.band}`);
    if (!parts.length) return;
    const title = parts.join(", ");
    const detail = before
      ? `${pct(before.probability)} → ${pct(r.probability)}`
      : `${pct(r.probability)}, ${r.band} band`;
    items.push({
      at: r.asOf,
      kind: TimelineKind.Risk,
      title: title[0].toUpperCase() + title.slice(1),
      detail,
      actor: null,
    });
  });
  return items;
}

/**
 * One dated list, newest first, of a customer's tickets (opened and closed), survey answers, follow-up emails
 * (sent or held out), notes, owner changes, snoozes, contacts and risk changes (band changes, entering or
 * leaving the at-risk list across runs); `kinds` keeps only those kinds (null: every kind).
 */
export function buildCustomerTimeline(sources: TimelineSources, kinds: TimelineKind[] | null = null): TimelineItem[] {
  const items: TimelineItem[] = [
    ...sources.tickets.flatMap(ticketItems),
    ...sources.surveys.map((s) => ({
      at: s.respondedAt,
      kind: TimelineKind.Survey,
      title: `${s.kind.toUpperCase()} answer: ${s.score}`,
      detail: [s.comment, s.ticketId ? `ticket ${s.ticketId}` : null].filter(Boolean).join(" · ") || null,
      actor: null,
    })),
    ...sources.outreach.map(emailItem),
    ...sources.notes.map((n) => ({
      at: n.createdAt,
      kind: TimelineKind.Note,
      title: "Note",
      detail: n.body,
      actor: n.author,
    })),
    ...sources.events.map(eventItem),
    ...riskItems(sources.risk),
  ];
  const kept = kinds ? items.filter((i) => kinds.includes(i.kind)) : items;
  return kept.sort((a, b) => b.at.getTime() - a.at.getTime());
}
