import { AppError, ErrorCode } from "../errors.ts";
import { FRESHDESK_SECRET_HEADER, parseFreshdesk, verifyFreshdesk } from "./freshdesk.ts";
import {
  INTERCOM_MAX_AGE_MS,
  INTERCOM_SIGNATURE_HEADER,
  intercomCreatedAt,
  parseIntercom,
  verifyIntercom,
} from "./intercom.ts";
import type { HelpdeskParse, HelpdeskVendor } from "./ticket-event.ts";
import { parseZendesk, verifyZendesk, ZENDESK_SIGNATURE_HEADER, ZENDESK_TIMESTAMP_HEADER } from "./zendesk.ts";

/** The variable holding each vendor's secret, for the 404 of a webhook that is off. */
export const HELPDESK_SECRET_VARIABLES: Record<HelpdeskVendor, string> = {
  zendesk: "RETAIN_ZENDESK_SECRET",
  intercom: "RETAIN_INTERCOM_SECRET",
  freshdesk: "RETAIN_FRESHDESK_SECRET",
};

const NAMES: Record<HelpdeskVendor, string> = { zendesk: "Zendesk", intercom: "Intercom", freshdesk: "Freshdesk" };

/**
 * Checks a vendor-format helpdesk request the way that vendor signs it, then parses it: 404 when the
 * vendor's secret is not set (the webhook is off, nothing is read), 401 for a bad or missing signature
 * or secret and for a stale request, 400 for a body that is not the vendor's shape.
 */
export function readHelpdeskRequest(options: {
  vendor: HelpdeskVendor;
  secret: string | undefined;
  rawBody: Buffer;
  /** A request header by lower-case name. */
  header: (name: string) => string | undefined;
  now: Date;
  /** How far Zendesk's signed timestamp may be from now. */
  toleranceMs: number;
}): HelpdeskParse {
  const { vendor, secret, rawBody: body, header, now } = options;
  if (!secret)
    throw new AppError(
      ErrorCode.NotFound,
      `the ${NAMES[vendor]} webhook is off: set ${HELPDESK_SECRET_VARIABLES[vendor]} on the server`,
    );
  const refusal =
    vendor === "zendesk"
      ? verifyZendesk({
          secret,
          body,
          signature: header(ZENDESK_SIGNATURE_HEADER),
          timestamp: header(ZENDESK_TIMESTAMP_HEADER),
          nowMs: now.getTime(),
          toleranceMs: options.toleranceMs,
        })
      : vendor === "intercom"
        ? (verifyIntercom({ secret, body, signature: header(INTERCOM_SIGNATURE_HEADER) }) ??
          intercomStaleness(body, now))
        : verifyFreshdesk({ secret, given: header(FRESHDESK_SECRET_HEADER) });
  if (refusal) throw new AppError(ErrorCode.Unauthorized, refusal);
  if (vendor === "zendesk") return parseZendesk(body);
  if (vendor === "intercom") return parseIntercom(body);
  return parseFreshdesk(body, now);
}

function intercomStaleness(body: Buffer, now: Date): string | null {
  const at = intercomCreatedAt(body);
  if (at === null || now.getTime() - at <= INTERCOM_MAX_AGE_MS) return null; // no created_at: the parser says so (400)
  const hours = Math.round((now.getTime() - at) / 3_600_000);
  return `stale notification: created ${hours} hours ago, expected within ${INTERCOM_MAX_AGE_MS / 3_600_000} hours (replayed?)`;
}
