import { nameFromEmail } from "../auth/index.ts";
import type { TicketFacts } from "../db/repositories/outreach-facts.ts";
import { isPlainAddress, type OutgoingMail } from "../mail/index.ts";
import type { PlayTemplate } from "./load-plays.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { contactFirstName, firstWord, readableTicketNumber } from "./greeting.ts";
import { renderFollowUp, type FollowUpValues } from "./render-follow-up.ts";
import { signUnsubscribeToken } from "./unsubscribe-token.ts";

/** The owner CSM: the customer_state override, else customers.owner_email; null when none is usable. */
export function ownerOf(
  facts: Pick<TicketFacts, "customer" | "state" | "ownerName">,
): { name: string; address: string } | null {
  const email = facts.state?.ownerEmail ?? facts.customer.ownerEmail;
  return isPlainAddress(email) ? { name: facts.ownerName ?? nameFromEmail(email), address: email } : null;
}

/** The signed unsubscribe link of a customer. */
export function unsubscribeUrl(
  settings: Pick<OutreachSettings, "publicUrl" | "unsubscribeSecret">,
  customerId: number,
): string {
  return `${settings.publicUrl}/u/${signUnsubscribeToken(customerId, settings.unsubscribeSecret)}`;
}

/** The placeholder values of a follow-up about one ticket. */
export function followUpValues(
  facts: Pick<TicketFacts, "customer" | "state" | "ticket" | "ownerName">,
  settings: Pick<OutreachSettings, "publicUrl" | "unsubscribeSecret" | "sender" | "companyName" | "productName">,
): FollowUpValues {
  const owner = ownerOf(facts);
  const ownerName = owner?.name ?? settings.sender.name;
  const first = contactFirstName(facts);
  return {
    greeting: first ? `Hi ${first},` : "Hello,",
    contact_first_name: first ?? "",
    company: settings.companyName,
    product: settings.productName,
    "customer.name": facts.customer.name || "your team",
    "ticket.number": readableTicketNumber(facts.ticket.externalId),
    "ticket.id": facts.ticket.externalId,
    "ticket.subject": facts.ticket.subject || "your request",
    "owner.name": ownerName,
    "owner.first_name": firstWord(ownerName) ?? ownerName,
    "owner.email": owner?.address ?? settings.sender.address,
    "unsubscribe.url": unsubscribeUrl(settings, facts.customer.id),
  };
}

/**
 * The follow-up email: From and Reply-To the owner CSM (Sender and the envelope are the
 * system address, so bounces come back to Retain's mailbox), or the system sender for
 * customers without an owner; List-Unsubscribe with the signed one-click link and a mailto
 * (RFC 8058); the Message-ID fixed on the outbox row.
 */
export function composeFollowUpMail(options: {
  facts: TicketFacts;
  template: PlayTemplate;
  settings: OutreachSettings;
  messageId: string;
}): OutgoingMail {
  const { facts, template, settings, messageId } = options;
  const values = followUpValues(facts, settings);
  const rendered = renderFollowUp(template, values);
  const owner = ownerOf(facts);
  const token = values["unsubscribe.url"].slice(values["unsubscribe.url"].lastIndexOf("/") + 1);
  return {
    from: owner ?? settings.sender,
    sender: owner ? settings.sender : undefined,
    replyTo: owner ?? settings.sender,
    to: { name: facts.customer.name ?? "", address: facts.customer.email ?? "" },
    envelopeFrom: settings.sender.address,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId,
    headers: {
      "List-Unsubscribe": `<${values["unsubscribe.url"]}>, <mailto:${settings.unsubscribeMailto}?subject=unsubscribe%20${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
