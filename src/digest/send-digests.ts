import type { Database } from "../db/index.ts";
import { claimJobRun, finishJobRun, JobStatus } from "../db/repositories/job-runs.ts";
import { listJobRunStatuses } from "../db/repositories/job-run-statuses.ts";
import { ABANDONED_AFTER_MS, INSTANCE_ID } from "../db/run-owner.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { moduleLogger } from "../logger.ts";
import { classifySmtpError, type Mailer } from "../mail/index.ts";
import { buildDigests } from "./build-digests.ts";
import { composeDigestMail, digestMailSubject, type DigestMailSettings } from "./compose-digest-mail.ts";
import type { DigestDay } from "./digest-day.ts";
import { countDigest, isEmptyDigest, type Digest, type DigestCounts } from "./digest-types.ts";

const log = moduleLogger("digest");

/** The job name of digest claims in job_runs. */
export const DIGEST_JOB = "digest";

/** The claim of one person's digest of one day: `digest:<YYYY-MM-DD>:<userId>` (one email per person per day). */
export function digestRunKey(date: string, userId: number): string {
  return `${DIGEST_JOB}:${date}:${userId}`;
}

/** What became of one person's digest. */
export const DigestStatus = {
  Sent: "sent",
  /** Nothing in any section: no email. */
  NothingToSend: "nothing_to_send",
  /** Sent today already (or being sent by another run right now): the claim is someone else's. */
  AlreadySent: "already_sent",
  Failed: "failed",
  /** A dry run's answer for a digest that would go out. */
  WouldSend: "would_send",
} as const;
export type DigestStatus = (typeof DigestStatus)[keyof typeof DigestStatus];

export interface DigestOutcome {
  userId: number;
  email: string;
  name: string;
  status: DigestStatus;
  runKey: string;
  counts: DigestCounts;
  /** The email's subject; null when there is nothing to send. */
  subject: string | null;
  /** Why the send failed. */
  error?: string;
}

export interface DigestRunResult {
  date: string;
  dryRun: boolean;
  /** The risk runs compared (as-of dates); null when there is no complete run yet. */
  runs: { asOf: string; previousAsOf: string | null } | null;
  outcomes: DigestOutcome[];
  totals: Record<DigestStatus, number>;
}

/**
 * Builds each recipient's digest for `day` and sends the non-empty ones, each claimed first in job_runs under
 * digestRunKey: of two instances (or a rerun) only the claim's winner sends; a failed send is recorded as failed
 * and a later run takes it over and retries. A dry run claims and sends nothing, and tells what a run would do.
 */
export async function sendDigests(options: {
  db: Database;
  day: DigestDay;
  settings: DigestMailSettings;
  /** Required unless dryRun. */
  mailer?: Mailer;
  dryRun?: boolean;
  now?: Date;
  instance?: string;
  /** A running claim silent this long is taken over (default 10 min). */
  staleAfterMs?: number;
  /** A send is aborted after this long (default 60 s). */
  sendTimeoutMs?: number;
}): Promise<DigestRunResult> {
  const { db, day, settings, mailer, dryRun = false, now = new Date() } = options;
  if (!dryRun && !mailer) throw new AppError(ErrorCode.Internal, "sendDigests: expected a mailer unless dryRun");
  const { runs, digests } = await buildDigests({ db, day, publicUrl: settings.publicUrl, now });
  const keys = digests.map((d) => digestRunKey(d.date, d.recipient.userId));
  const done = dryRun ? await listJobRunStatuses(db.sql, keys) : new Map<string, string>();
  const outcomes: DigestOutcome[] = [];
  for (const digest of digests) {
    const runKey = digestRunKey(digest.date, digest.recipient.userId);
    const base = { ...digest.recipient, runKey, counts: countDigest(digest) };
    if (isEmptyDigest(digest)) {
      outcomes.push({ ...base, status: DigestStatus.NothingToSend, subject: null });
    } else if (dryRun) {
      const status = done.get(runKey) === JobStatus.Done ? DigestStatus.AlreadySent : DigestStatus.WouldSend;
      outcomes.push({ ...base, status, subject: digestMailSubject(digest, day) });
    } else {
      outcomes.push(await sendOne({ ...options, mailer: mailer!, digest, runs, runKey, base }));
    }
  }
  const totals = Object.fromEntries(Object.values(DigestStatus).map((s) => [s, 0])) as Record<DigestStatus, number>;
  for (const o of outcomes) totals[o.status]++;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const result = {
    date: day.date,
    dryRun,
    runs: runs && { asOf: iso(runs.asOf), previousAsOf: runs.previousAsOf && iso(runs.previousAsOf) },
    outcomes,
    totals,
  };
  log.info({ date: day.date, dryRun, ...totals }, "daily digest");
  return result;
}

/** Claims, sends and records one person's digest. */
async function sendOne(
  o: Parameters<typeof sendDigests>[0] & {
    mailer: Mailer;
    digest: Digest;
    runs: Awaited<ReturnType<typeof buildDigests>>["runs"];
    runKey: string;
    base: Omit<DigestOutcome, "status" | "subject">;
  },
): Promise<DigestOutcome> {
  const { db, runKey, base } = o;
  const claim = await claimJobRun(db, {
    job: DIGEST_JOB,
    runKey,
    instance: o.instance ?? INSTANCE_ID,
    staleAfterMs: o.staleAfterMs ?? ABANDONED_AFTER_MS,
  });
  const mail = composeDigestMail({ digest: o.digest, day: o.day, runs: o.runs, settings: o.settings });
  if (!claim) return { ...base, status: DigestStatus.AlreadySent, subject: mail.subject };
  const started = performance.now();
  try {
    const receipt = await o.mailer.send(mail, { signal: AbortSignal.timeout(o.sendTimeoutMs ?? 60_000) });
    const counts = { ...base.counts, to: mail.to.address, messageId: receipt.messageId, response: receipt.response };
    const recorded = await finishJobRun(db, claim, {
      status: JobStatus.Done,
      counts,
      durationMs: performance.now() - started,
    });
    if (!recorded) log.warn({ runKey }, "digest sent, but the claim was taken over meanwhile: not recorded as done");
    return { ...base, status: DigestStatus.Sent, subject: mail.subject };
  } catch (error) {
    const message = classifySmtpError(error).message;
    log.error({ runKey, err: error }, "digest send failed; a later run retries it");
    await finishJobRun(db, claim, {
      status: JobStatus.Failed,
      error: message,
      durationMs: performance.now() - started,
    });
    return { ...base, status: DigestStatus.Failed, subject: mail.subject, error: message };
  }
}
