import { toHeaderText } from "../mail/index.ts";
import type { PlayTemplate } from "./load-plays.ts";

/** The placeholders a play's templates may use. */
export const PLACEHOLDERS = [
  "greeting",
  "contact_first_name",
  "company",
  "product",
  "customer.name",
  "ticket.number",
  "ticket.id",
  "ticket.subject",
  "owner.name",
  "owner.first_name",
  "owner.email",
  "unsubscribe.url",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type FollowUpValues = Record<Placeholder, string>;

export interface RenderedFollowUp {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

function fill(template: string, values: FollowUpValues, encode: (v: string) => string): string {
  return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_m, name: string) => encode(values[name as Placeholder] ?? ""));
}

/**
 * Renders a play's templates. Every value becomes one line first (customer-supplied names
 * and subjects cannot add lines or headers); the subject is header-safe, the HTML escaped.
 */
export function renderFollowUp(template: PlayTemplate, values: FollowUpValues): RenderedFollowUp {
  const line = (v: string) => toHeaderText(v, 500);
  return {
    subject: toHeaderText(fill(template.subject, values, line), 250),
    text: fill(template.text, values, line),
    html: fill(template.html, values, (v) => escapeHtml(line(v))),
  };
}
