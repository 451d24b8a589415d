import type { SqlClient } from "../db/sql-client.ts";
import type { DecisionEvidence } from "../db/repositories/outreach-decisions.ts";
import {
  countOtherOpenTickets,
  findCapConflict,
  loadLatestRisk,
  loadTicketFacts,
  type TicketFacts,
} from "../db/repositories/outreach-facts.ts";
import type { FollowUpRecord } from "../db/repositories/outreach-follow-ups.ts";
import { OutreachReason } from "./outreach-reasons.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { findBlockingRule, RulePhase, type BlockingRule } from "./send-rules.ts";

export interface FollowUpCheck {
  facts: TicketFacts | null;
  /** What the decision is made on now: the latest run when there is one, else the follow-up's frozen evidence. */
  evidence: DecisionEvidence;
  block: BlockingRule | null;
}

/**
 * The send-time re-check of a follow-up, on facts read fresh from the database: consent,
 * churn, still at risk in the latest run, ticket still closed, no other open ticket, not
 * snoozed, frequency cap, not expired. The same check runs for the holdout at its planned
 * time, so both arms lose the same customers to the rules.
 */
export async function checkFollowUp(options: {
  sql: SqlClient;
  followUp: FollowUpRecord;
  settings: OutreachSettings;
  now: Date;
}): Promise<FollowUpCheck> {
  const { sql, followUp, settings, now } = options;
  const frozen: DecisionEvidence = {
    runId: followUp.runId,
    modelVersion: followUp.modelVersion,
    score: followUp.score,
    drivers: followUp.drivers,
    rule: followUp.rule,
  };
  const facts = await loadTicketFacts(sql, followUp.ticketId);
  if (!facts)
    return {
      facts,
      evidence: frozen,
      block: { reason: OutreachReason.TicketReopened, detail: "the ticket no longer exists" },
    };
  const latest = await loadLatestRisk(sql, followUp.customerId);
  const evidence: DecisionEvidence = latest
    ? {
        runId: latest.runId,
        modelVersion: latest.modelVersion,
        score: latest.score,
        drivers: latest.drivers,
        rule: latest.rule,
      }
    : frozen;
  const [otherOpenTickets, capConflictAt] = await Promise.all([
    countOtherOpenTickets(sql, { customerId: followUp.customerId, ticketId: followUp.ticketId }),
    findCapConflict(sql, {
      customerId: followUp.customerId,
      excludeFollowUpId: followUp.id,
      at: now,
      capMs: settings.capMs,
    }),
  ]);
  const block = findBlockingRule({
    phase: RulePhase.Send,
    now,
    plannedAt: followUp.plannedAt,
    email: facts.customer.email,
    churnDate: facts.customer.churnDate,
    state: facts.state,
    atRisk: latest?.atRisk ?? false,
    ticket: facts.ticket,
    reopenedCountWhenDecided: followUp.reopenedCount,
    otherOpenTickets,
    capConflict: capConflictAt !== null,
    capConflictAt,
    capMs: settings.capMs,
    expireMs: settings.expireMs,
  });
  return { facts, evidence, block };
}
