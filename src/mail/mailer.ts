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
  /** The message exactly as it went out (RFC 5322, CRLF line ends): headers, text and HTML parts. */
  raw: string;
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
  // Each message is written out once, and those very bytes are sent (or filed) and kept as the copy as sent.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const compose = async (mail: OutgoingMail) => (await composer.sendMail(toMessage(mail))).message as Buffer;
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
        const message = toMessage(mail, sendOptions.signal);
        const raw = await compose(mail);
        const info = await transport.sendMail({ envelope: message.envelope, raw, signal: sendOptions.signal });
        return { messageId: mail.messageId, response: String(info.response ?? ""), raw: raw.toString("utf8") };
      },
      close: () => {
        transport.close();
        composer.close();
      },
    };
  }
  return {
    kind: "outbox",
    async send(mail) {
      const raw = await compose(mail);
      mkdirSync(outboxDir, { recursive: true });
      const name = mail.messageId.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "");
      const path = join(outboxDir, `${name}.eml`);
      writeFileSync(`${path}.tmp`, raw);
      renameSync(`${path}.tmp`, path);
      return { messageId: mail.messageId, response: `written to ${path}`, raw: raw.toString("utf8") };
    },
    close: () => composer.close(),
  };
}
