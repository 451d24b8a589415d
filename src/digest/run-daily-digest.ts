import { join } from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { createMailer, type Mailer } from "../mail/index.ts";
import { digestDay, localDay } from "./digest-day.ts";
import { sendDigests, type DigestRunResult } from "./send-digests.ts";

/**
 * The daily digest once, as `retain digest send` and `retain serve`'s schedule run it: for `date` (default today in
 * RETAIN_TIMEZONE), over SMTP_URL or, without it, as .eml files in `<dataDir>/outbox`. A dry run opens no mailer.
 */
export async function runDailyDigest(options: {
  db: Database;
  config: Pick<Config, "timezone" | "currency" | "dataDir" | "outreach">;
  /** YYYY-MM-DD; default today in the configured time zone. */
  date?: string;
  dryRun?: boolean;
  now?: Date;
  /** Default: one made from the configuration, closed afterwards. */
  mailer?: Mailer;
  instance?: string;
}): Promise<DigestRunResult> {
  const { db, config, dryRun = false, now = new Date() } = options;
  const day = digestDay(options.date ?? localDay(now, config.timezone), config.timezone);
  const settings = {
    mailFrom: config.outreach.mailFrom,
    publicUrl: config.outreach.publicUrl,
    currency: config.currency,
    timeZone: config.timezone,
  };
  const mailer =
    options.mailer ??
    (dryRun
      ? undefined
      : createMailer({ smtpUrl: config.outreach.smtpUrl, outboxDir: join(config.dataDir, "outbox") }));
  try {
    return await sendDigests({ db, day, settings, mailer, dryRun, now, instance: options.instance });
  } finally {
    if (!options.mailer) mailer?.close();
  }
}
