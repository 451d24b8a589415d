import type { TicketRow } from "../../db/import-rows.ts";
import { CHANNELS, CONTRACTS, PRIORITIES, TICKET_STATUSES } from "../contract.ts";
import { parseEnum, parseNumber, parseText, parseTimestamp } from "../parse-field.ts";
import { RowChecker, type KindSpec } from "./kind-spec.ts";

const LATER_THAN_CREATED = ["first_response_at", "resolved_at", "closed_at"] as const;

export const ticketsSpec: KindSpec<TicketRow> = {
  kind: "tickets",
  contract: CONTRACTS.tickets,
  validate(raw, lookups) {
    const c = new RowChecker();
    const customer = c.take("customer_id", parseText(raw.customer_id, true, 200));
    const agent = c.take("agent_id", parseText(raw.agent_id, false, 200));
    const row: TicketRow = {
      externalId: c.take("ticket_id", parseText(raw.ticket_id, true, 200))!,
      customerId: c.ref("customer_id", customer, lookups.customerId, "customer")!,
      createdAt: c.take("created_at", parseTimestamp(raw.created_at, true))!,
      subject: c.take("subject", parseText(raw.subject, false, 1000)),
      channel: c.take("channel", parseEnum(raw.channel, CHANNELS, "other"))!,
      priority: c.take("priority", parseEnum(raw.priority, PRIORITIES, "normal"))!,
      category: c.take("category", parseText(raw.category, false, 200)),
      agentId: c.ref("agent_id", agent, lookups.agentId, "agent"),
      firstResponseAt: c.take("first_response_at", parseTimestamp(raw.first_response_at)),
      resolvedAt: c.take("resolved_at", parseTimestamp(raw.resolved_at)),
      closedAt: c.take("closed_at", parseTimestamp(raw.closed_at)),
      status: c.take("status", parseEnum(raw.status, TICKET_STATUSES, "open"))!,
      reopenedCount: c.take("reopened_count", parseNumber(raw.reopened_count, { min: 0, integer: true })) ?? 0,
      requesterName: c.take("requester_name", parseText(raw.requester_name, false, 200)),
    };
    if (row.createdAt !== null) {
      const later = { first_response_at: row.firstResponseAt, resolved_at: row.resolvedAt, closed_at: row.closedAt };
      for (const column of LATER_THAN_CREATED) {
        const at = later[column];
        if (at !== null && at < row.createdAt) {
          c.fail(
            column,
            `value out of range: ${column} must not be before created_at (${raw.created_at}), found ${raw[column]}`,
          );
        }
      }
    }
    return c.result(row);
  },
};
