import type { Database } from "../db/index.ts";
import {
  findCustomerId,
  findPreviewTicketId,
  loadTicketFacts,
  type TicketFacts,
} from "../db/repositories/outreach-facts.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { OutgoingMail } from "../mail/index.ts";
import { composeFollowUpMail } from "./compose-follow-up-mail.ts";
import type { Play } from "./load-plays.ts";
import type { OutreachSettings } from "./outreach-settings.ts";

export interface FollowUpPreview {
  play: string;
  template: string;
  /** False when no ticket was found and made-up example data was used. */
  realData: boolean;
  mail: OutgoingMail;
}

const EXAMPLE: TicketFacts = {
  ticket: {
    id: 0,
    externalId: "T-1042",
    customerId: 0,
    subject: "Export to CSV fails for large reports",
    status: "closed",
    closedAt: new Date(),
    reopenedCount: 0,
    requesterName: "Maria Garcia",
  },
  customer: {
    id: 0,
    externalId: "C-EXAMPLE",
    name: "Example Co",
    email: "ops@example.com",
    timezone: "UTC",
    churnDate: null,
    ownerEmail: "jane.doe@example.com",
    contactName: null,
    mrr: 0,
  },
  state: null,
  ownerName: "Jane Doe",
};

/**
 * Renders a play's email as it would go out for a ticket (see findPreviewTicketId for which
 * one), with real names and the real unsubscribe link; nothing is sent or recorded.
 */
export async function previewFollowUp(options: {
  db: Database;
  settings: OutreachSettings;
  plays: Play[];
  play?: string;
  customer?: string;
  ticket?: string;
}): Promise<FollowUpPreview> {
  const { db, settings, plays } = options;
  const play = options.play ? plays.find((p) => p.name === options.play) : plays[0];
  if (!play)
    throw new AppError(
      ErrorCode.NotFound,
      `no play "${options.play}": expected one of ${plays.map((p) => p.name).join(", ")}`,
    );
  if (options.customer && (await findCustomerId(db.sql, options.customer)) === null)
    throw new AppError(ErrorCode.NotFound, `no customer "${options.customer}"`);
  const ticketId = await findPreviewTicketId(db.sql, {
    ticketExternalId: options.ticket,
    customerExternalId: options.customer,
  });
  if (options.ticket && ticketId === null) throw new AppError(ErrorCode.NotFound, `no ticket "${options.ticket}"`);
  const facts = ticketId === null ? null : await loadTicketFacts(db.sql, ticketId);
  if (facts && options.customer && facts.customer.externalId !== options.customer) {
    throw new AppError(
      ErrorCode.BadInput,
      `ticket ${options.ticket} belongs to customer ${facts.customer.externalId}, not ${options.customer}`,
    );
  }
  const mail = composeFollowUpMail({
    facts: facts ?? EXAMPLE,
    template: play.template,
    settings,
    messageId: `<preview@${settings.sender.address.split("@")[1]}>`,
  });
  return { play: play.name, template: play.template.id, realData: facts !== null, mail };
}
