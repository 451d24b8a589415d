import { parseMailbox, type MailAddress, type OutgoingMail } from "../mail/index.ts";
import type { DigestRuns } from "./build-digests.ts";
import { describeDigest } from "./describe-digest.ts";
import type { DigestDay } from "./digest-day.ts";
import { digestSubject } from "./digest-subject.ts";
import { countDigest, type Digest } from "./digest-types.ts";
import { renderDigestHtml, renderDigestText } from "./render-digest.ts";

/** What the digest email needs of the configuration. */
export interface DigestMailSettings {
  /** RETAIN_MAIL_FROM: the digest's From and envelope sender. */
  mailFrom: string;
  publicUrl: string;
  currency: string;
  timeZone: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The system sender of RETAIN_MAIL_FROM. */
export function digestSender(mailFrom: string): MailAddress {
  return parseMailbox(mailFrom) ?? { name: "Retain", address: "retain@localhost" };
}

/** The subject alone (for a dry run's table). */
export function digestMailSubject(digest: Digest, dayOf: DigestDay): string {
  return digestSubject(countDigest(digest), dayOf.label);
}

/**
 * One person's digest email: from the system sender to the user, subject, text and HTML bodies. The Message-ID
 * is fixed by day and user, so a retry after a failed send carries the same one.
 */
export function composeDigestMail(options: {
  digest: Digest;
  day: DigestDay;
  runs: DigestRuns | null;
  settings: DigestMailSettings;
}): OutgoingMail {
  const { digest, runs, settings } = options;
  const sender = digestSender(settings.mailFrom);
  const parts = describeDigest(digest, {
    currency: settings.currency,
    timeZone: settings.timeZone,
    publicUrl: settings.publicUrl,
  });
  const frame = {
    recipientName: digest.recipient.name,
    dayLabel: options.day.label,
    runNote: runs
      ? `risk run of ${day(runs.asOf)}${runs.previousAsOf ? `, compared with ${day(runs.previousAsOf)}` : ""}`
      : null,
    myAccountsUrl: digest.myAccountsUrl,
  };
  const domain = sender.address.slice(sender.address.lastIndexOf("@") + 1);
  return {
    from: sender,
    to: { name: digest.recipient.name, address: digest.recipient.email },
    envelopeFrom: sender.address,
    subject: digestMailSubject(digest, options.day),
    text: renderDigestText(parts, frame),
    html: renderDigestHtml(parts, frame),
    messageId: `<digest.${digest.date}.${digest.recipient.userId}@${domain}>`,
    headers: {},
  };
}
