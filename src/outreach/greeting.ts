import type { TicketFacts } from "../db/repositories/outreach-facts.ts";

/** The first word of a person's name ("Maria" of "Maria Garcia"); null for nothing usable. */
export function firstWord(name: string | null | undefined): string | null {
  const word = name
    ?.trim()
    .split(/\s+/)[0]
    ?.replace(/[,;:]+$/, "");
  return word && /\p{L}/u.test(word) ? word : null;
}

/**
 * The first name to greet: the ticket's requester (the person who asked), else the customer's contact.
 * Never the company's name, an email address or a placeholder text: null then, and the greeting is neutral.
 */
export function contactFirstName(facts: Pick<TicketFacts, "customer" | "ticket">): string | null {
  const company = facts.customer.name?.trim().toLowerCase();
  for (const name of [facts.ticket.requesterName, facts.customer.contactName]) {
    const n = name?.trim();
    if (!n || n.includes("@") || n.toLowerCase() === company) continue;
    const first = firstWord(n);
    if (first) return first;
  }
  return null;
}

/**
 * A ticket id as people say it: "#4512" for 4512, T-4512, ZD-4512 or zendesk:4512 (a short prefix and a number);
 * any other id as it is.
 */
export function readableTicketNumber(externalId: string): string {
  const m = /^(?:[A-Za-z]{1,12}[-_:#/ ]?)?#?0*(\d{1,12})$/.exec(externalId.trim());
  return m ? `#${m[1] || "0"}` : externalId;
}
