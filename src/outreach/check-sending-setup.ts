import { AppError, ErrorCode } from "../errors.ts";
import type { OutreachSettings } from "./outreach-settings.ts";

/** Host names that only this machine reaches: localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    h === "::1" ||
    h === "0.0.0.0" ||
    h === "::" ||
    h.startsWith("::ffff:127.")
  );
}

/**
 * Refuses to start sending real email (SMTP_URL set) with links or a sender that only this machine
 * knows: a loopback RETAIN_PUBLIC_URL (the default http://HOST:PORT) makes unsubscribe and dashboard
 * links no recipient can open, and an @localhost RETAIN_MAIL_FROM is an address nobody can answer.
 * Without SMTP_URL (.eml files in data/outbox) anything goes: the demo runs offline.
 */
export function checkSendingSetup(settings: Pick<OutreachSettings, "smtpUrl" | "publicUrl" | "sender">): void {
  if (!settings.smtpUrl) return;
  const problems: string[] = [];
  const host = new URL(settings.publicUrl).hostname;
  if (isLoopbackHost(host))
    problems.push(
      `RETAIN_PUBLIC_URL is ${settings.publicUrl}, which only this machine reaches: unsubscribe and dashboard links ` +
        "in the emails would not open for anyone. Set RETAIN_PUBLIC_URL to the address people reach this server on " +
        "(e.g. https://retain.example.com)",
    );
  const domain = settings.sender.address.split("@")[1] ?? "";
  if (isLoopbackHost(domain))
    problems.push(
      `RETAIN_MAIL_FROM is ${settings.sender.address}, an address at ${domain} that nobody can reply to or bounce ` +
        'to. Set RETAIN_MAIL_FROM to a real mailbox, e.g. "Customer Success <cs@example.com>"',
    );
  if (problems.length)
    throw new AppError(
      ErrorCode.BadConfig,
      `refusing to send email over SMTP_URL:\n  ${problems.join("\n  ")}`,
      problems,
    );
}
