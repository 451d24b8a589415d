import { z } from "zod";
import { AppError, ErrorCode } from "../errors.ts";

const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const text = z.string().max(1000).nullish();

/**
 * The ticket-closed webhook body, shaped like a helpdesk's event (see README "Ticket-closed
 * webhook"). Field values are validated again, exactly like a ticket ingested over HTTP.
 */
export const ticketClosedPayload = z.object({
  event_id: z.string().min(1).max(200),
  type: z.literal("ticket.closed").optional(),
  ticket: z.object({
    id,
    subject: text,
    channel: text,
    priority: text,
    category: text,
    status: text,
    created_at: z.string(),
    first_response_at: text,
    resolved_at: text,
    closed_at: z.string(),
    reopened_count: z.number().int().min(0).nullish(),
    requester: z
      .object({ email: z.string().max(320).nullish(), customer_id: id.nullish(), name: z.string().max(200).nullish() })
      .refine((r) => r.email || r.customer_id, "a requester email or customer_id"),
    agent: z.object({ id: id.nullish(), email: text, name: text }).nullish(),
  }),
});
export type TicketClosedPayload = z.infer<typeof ticketClosedPayload>;

/** Parses and checks the JSON body; every problem is listed at once. */
export function parseTicketClosedPayload(raw: Buffer): TicketClosedPayload {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new AppError(ErrorCode.BadInput, `expected a JSON body, found invalid JSON (${(error as Error).message})`);
  }
  const parsed = ticketClosedPayload.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw new AppError(ErrorCode.BadInput, `expected a ticket.closed event: ${problems.join("; ")}`, problems);
  }
  return parsed.data;
}

/** The ticket as an ingest record (the tickets contract), for the matched customer. */
export function toTicketRecord(
  p: TicketClosedPayload,
  customerExternalId: string,
  agentExternalId: string | null,
): Record<string, unknown> {
  const t = p.ticket;
  return {
    ticket_id: t.id,
    customer_id: customerExternalId,
    created_at: t.created_at,
    subject: t.subject ?? "",
    channel: t.channel ?? "",
    priority: t.priority ?? "",
    category: t.category ?? "",
    agent_id: agentExternalId ?? "",
    first_response_at: t.first_response_at ?? "",
    resolved_at: t.resolved_at ?? "",
    closed_at: t.closed_at,
    status: t.status ?? "closed",
    reopened_count: t.reopened_count ?? 0,
    requester_name: t.requester.name ?? "",
  };
}
