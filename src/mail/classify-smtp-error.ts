/** How a failed send should be handled. */
export const SmtpFailureKind = { Transient: "transient", Permanent: "permanent" } as const;
export type SmtpFailureKind = (typeof SmtpFailureKind)[keyof typeof SmtpFailureKind];

export interface SmtpFailure {
  kind: SmtpFailureKind;
  /** A permanent rejection of the recipient (5xx to RCPT TO): the address bounces. */
  bounce: boolean;
  /** A transient SMTP reply (4xx) that counts toward the retry limit; outages (no reply) do not. */
  countsTowardLimit: boolean;
  /** One line for the logs and the decision log. */
  message: string;
}

/** Errors with no SMTP reply: the server could not be reached or the connection broke. */
const OUTAGE_CODES = new Set([
  "ECONNECTION",
  "ESOCKET",
  "ETIMEDOUT",
  "EDNS",
  "ETLS",
  "EABORT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPROXY",
  "EAUTH",
  "ENOAUTH",
]);

interface ErrorLike {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
}

/**
 * Sorts a nodemailer error: 5xx replies (except 503) are permanent, and a bounce when the
 * recipient was refused; 4xx (and 503) are transient and count toward the retry limit;
 * connection failures, timeouts and aborted sends are an outage: retried, never counted
 * (so an SMTP outage delays mail, it does not fail it). Unknown errors are transient.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as ErrorLike;
  const code = e.responseCode;
  const text = oneLine(
    code
      ? `${e.command ? `${e.command}: ` : ""}${e.response ?? e.message ?? code}`
      : `${e.code ?? "error"}: ${e.message ?? String(error)}`,
  );
  if (code !== undefined && code >= 500 && code < 600 && code !== 503) {
    const bounce = e.command === "RCPT TO" || (e.code === "EENVELOPE" && code >= 550 && code <= 553);
    return { kind: SmtpFailureKind.Permanent, bounce, countsTowardLimit: false, message: text };
  }
  if (code !== undefined)
    return { kind: SmtpFailureKind.Transient, bounce: false, countsTowardLimit: true, message: text };
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE")
    return { kind: SmtpFailureKind.Permanent, bounce: false, countsTowardLimit: false, message: text };
  if (e.code !== undefined && OUTAGE_CODES.has(e.code))
    return { kind: SmtpFailureKind.Transient, bounce: false, countsTowardLimit: false, message: text };
  return { kind: SmtpFailureKind.Transient, bounce: false, countsTowardLimit: true, message: text };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
