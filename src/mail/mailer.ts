import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { isPlainAddress, toHeaderText } from "./header-text.ts";

export interface MailAddress {
  name?: string;
  address: string;
}

/** One email, fully decided: who, what, and its stable Message-ID. */
export interface OutgoingMail {
  from: MailAddress;
  /** Set when From is someone else than the system sender (the owner CSM): the sending system. */
  sender?: MailAddress;
  replyTo?: MailAddress;
  to: MailAddress;
  /** MAIL FROM: where bounces go. */
  envelopeFrom: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@…>`, the same on every attempt so a resend can be recognised downstream. */
  messageId: string;
  /** Extra headers with values Retain built itself (List-Unsubscribe…), never customer text. */
  headers: Record<string, string>;
}

export interface SendReceipt {
  messageId: string;
  /** The server's final reply (`250 … queued as …`) or where the file was written. */
  response: string;
}

/** Sends email over SMTP, or writes it to data/outbox/ as .eml files when no SMTP server is configured. */
export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(mail: OutgoingMail, options?: { signal?: AbortSignal }): Promise<SendReceipt>;
  close(): void;
}

/** Header-safe address: the name loses control characters, the address must be one plain address. */
function safeAddress(a: MailAddress, field: string): { name: string; address: string } {
  if (!isPlainAddress(a.address))
    throw Object.assign(new Error(`${field}: expected one plain email address, found ${JSON.stringify(a.address)}`), {
      code: "EENVELOPE",
    });
  return { name: toHeaderText(a.name ?? "", 120), address: a.address };
}

/** The nodemailer message: every customer-supplied value cleaned, the envelope set explicitly. */
function toMessage(mail: OutgoingMail, signal?: AbortSignal) {
  const to = safeAddress(mail.to, "to");
  return {
    from: safeAddress(mail.from, "from"),
    sender: mail.sender ? safeAddress(mail.sender, "sender") : undefined,
    replyTo: mail.replyTo ? safeAddress(mail.replyTo, "replyTo") : undefined,
    to,
    envelope: { from: mail.envelopeFrom, to: [to.address] },
    subject: toHeaderText(mail.subject, 250),
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: Object.fromEntries(Object.entries(mail.headers).map(([k, v]) => [k, toHeaderText(v, 2000)])),
    disableFileAccess: true,
    disableUrlAccess: true,
    signal,
  };
}

/**
 * A mailer: SMTP when `smtpUrl` is set (a new connection per message, with timeouts so a
 * hung server fails a send instead of holding it), otherwise `.eml` files under `outboxDir`
 * (written whole, then renamed into place) so the demo runs offline.
 */
export function createMailer(options: { smtpUrl?: string; outboxDir: string; timeoutMs?: number }): Mailer {
  const { smtpUrl, outboxDir, timeoutMs = 30_000 } = options;
  if (smtpUrl) {
    const transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    });
    return {
      kind: "smtp",
      async send(mail, sendOptions = {}) {
        const info = await transport.sendMail(toMessage(mail, sendOptions.signal));
        return { messageId: info.messageId, response: String(info.response ?? "") };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "outbox",
    async send(mail) {
      const info = await transport.sendMail(toMessage(mail));
      mkdirSync(outboxDir, { recursive: true });
      const name = mail.messageId.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "");
      const path = join(outboxDir, `${name}.eml`);
      writeFileSync(`${path}.tmp`, info.message as Buffer);
      renameSync(`${path}.tmp`, path);
      return { messageId: info.messageId, response: `written to ${path}` };
    },
    close: () => transport.close(),
  };
}
