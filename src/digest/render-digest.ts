import { escapeHtml } from "../outreach/index.ts";
import type { DigestPart } from "./describe-digest.ts";

/** What the digest's bodies say around the sections. */
export interface DigestFrame {
  recipientName: string;
  /** "Tue 1 Dec". */
  dayLabel: string;
  /** Which runs were compared ("risk run of 2026-06-08, compared with 2026-06-01"); null without a run. */
  runNote: string | null;
  myAccountsUrl: string;
}

/** Customer text on one line (names and subjects come from imports). */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const firstName = (name: string) => oneLine(name).split(" ")[0] || "there";

/** The plain-text body: a heading per section, one item per line with its link under it. */
export function renderDigestText(parts: DigestPart[], frame: DigestFrame): string {
  const lines = [`Good morning ${firstName(frame.recipientName)},`, ""];
  lines.push(`Your accounts in Retain, ${frame.dayLabel}${frame.runNote ? ` (${frame.runNote})` : ""}.`);
  for (const part of parts) {
    lines.push("", part.heading);
    for (const l of part.lines) lines.push(`  • ${oneLine(l.label)} — ${oneLine(l.detail)}`, `    ${l.url}`);
    if (part.more) lines.push(`  … and ${part.more.count} more: ${part.more.url}`);
  }
  lines.push("", `My accounts: ${frame.myAccountsUrl}`, "");
  return lines.join("\n");
}

/** The HTML body: the same content, every customer value escaped, every item a link to its customer page. */
export function renderDigestHtml(parts: DigestPart[], frame: DigestFrame): string {
  const e = (text: string) => escapeHtml(oneLine(text));
  const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${e(text)}</a>`;
  const sections = parts.map((part) => {
    const items = part.lines.map((l) => `<li>${link(l.url, l.label)} — ${e(l.detail)}</li>`);
    if (part.more) items.push(`<li>${link(part.more.url, `… and ${part.more.count} more`)}</li>`);
    return `<h2 style="font-size:16px;margin:20px 0 6px">${e(part.heading)}</h2>\n<ul>\n${items.join("\n")}\n</ul>`;
  });
  return [
    "<!doctype html>",
    `<html><body style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">`,
    `<p>Good morning ${e(firstName(frame.recipientName))},</p>`,
    `<p>Your accounts in Retain, ${e(frame.dayLabel)}${frame.runNote ? ` (${e(frame.runNote)})` : ""}.</p>`,
    ...sections,
    `<p>${link(frame.myAccountsUrl, "Open My accounts")}</p>`,
    "</body></html>",
    "",
  ].join("\n");
}
