// The daily digest: each CSM's morning email about their book (newly at risk, biggest risers, renewals at risk,
// follow-ups sent in their name), built for all of them at once and claimed per person and day.
export { buildDigests, DIGEST_LIMITS, MIN_RISE, type DigestRuns } from "./build-digests.ts";
export { composeDigestMail, type DigestMailSettings } from "./compose-digest-mail.ts";
export { digestDay, localDay, type DigestDay } from "./digest-day.ts";
export type { Digest, DigestCounts, DigestRecipient } from "./digest-types.ts";
export { RENEWAL_WINDOW_DAYS } from "./find-renewals-at-risk.ts";
export { runDailyDigest } from "./run-daily-digest.ts";
export {
  DIGEST_JOB,
  digestRunKey,
  DigestStatus,
  sendDigests,
  type DigestOutcome,
  type DigestRunResult,
} from "./send-digests.ts";
