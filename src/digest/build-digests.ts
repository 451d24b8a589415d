import { OWNER_ROLES } from "../auth/index.ts";
import { findPreviousRiskRun, type Database } from "../db/index.ts";
import { listFollowUpsSentByOwner } from "../db/repositories/digest-follow-ups.ts";
import { listDigestRecipients, type OwnerSection } from "../db/repositories/digest-owners.ts";
import {
  listAtRiskRenewalKeysByOwner,
  listNewlyAtRiskByOwner,
  listRisersByOwner,
  type DigestScoreRow,
} from "../db/repositories/digest-risk-sections.ts";
import { readDrivers } from "../features/index.ts";
import { moduleLogger } from "../logger.ts";
import type { DigestDay } from "./digest-day.ts";
import type { Digest, DigestCustomer, DigestSection, NewlyAtRiskItem } from "./digest-types.ts";
import { findRenewalsAtRisk } from "./find-renewals-at-risk.ts";

const log = moduleLogger("digest");
const DAY_MS = 86_400_000;

/** How many items a section lists (its total is still told); the biggest risers are a top 5. */
export const DIGEST_LIMITS = { items: 20, risers: 5 } as const;
/** A riser's probability went up by at least this much (5 percentage points): smaller moves are noise. */
export const MIN_RISE = 0.05;

/** The risk runs a digest reads: the latest complete one up to its day, and the one before it. */
export interface DigestRuns {
  runId: number;
  asOf: Date;
  previousRunId: number | null;
  previousAsOf: Date | null;
}

/**
 * Every recipient's digest for a day (empty ones included): active users with an owner role (csm, admin) who own
 * at least one customer, each with their newly at-risk customers, biggest risers and renewals at risk in the latest
 * complete run up to `day` against the one before, and the follow-ups sent in their name the day before. One query
 * per section for all recipients at once.
 */
export async function buildDigests(options: {
  db: Database;
  day: DigestDay;
  publicUrl: string;
  /** Snoozes and churn are read at this instant (default now). */
  now?: Date;
}): Promise<{ runs: DigestRuns | null; digests: Digest[] }> {
  const { db, day, publicUrl, now = new Date() } = options;
  const roles = OWNER_ROLES;
  const recipients = await listDigestRecipients(db.sql, { roles, now });
  if (recipients.length === 0) return { runs: null, digests: [] };
  const runs = await findDigestRuns(db, day);
  const q = runs && { runId: runs.runId, previousRunId: runs.previousRunId, now, roles };
  const [newly, risers, renewals, followUps] = await Promise.all([
    q ? listNewlyAtRiskByOwner(db.sql, { ...q, limit: DIGEST_LIMITS.items }) : new Map(),
    q?.previousRunId
      ? listRisersByOwner(db.sql, {
          ...q,
          previousRunId: q.previousRunId,
          minRise: MIN_RISE,
          limit: DIGEST_LIMITS.risers,
        })
      : new Map(),
    q ? listAtRiskRenewalKeysByOwner(db.sql, q) : [],
    listFollowUpsSentByOwner(db.sql, { ...day.yesterday, roles, limit: DIGEST_LIMITS.items }),
  ]);
  const customer = (r: Pick<DigestScoreRow, "externalId" | "name" | "mrr" | "probability">): DigestCustomer => ({
    id: r.externalId,
    name: r.name || r.externalId,
    url: `${publicUrl}/customers/${encodeURIComponent(r.externalId)}`,
    mrr: r.mrr,
    probability: r.probability,
  });
  const renewalsByOwner = findRenewalsAtRisk(renewals, { dayStartMs: day.dayStartMs, limit: DIGEST_LIMITS.items });
  const digests = recipients.map(({ userId, email, name }): Digest => {
    const section = <Row, Item>(s: OwnerSection<Row> | undefined, toItem: (r: Row) => Item): DigestSection<Item> => ({
      items: (s?.rows ?? []).map(toItem),
      total: s?.total ?? 0,
    });
    return {
      recipient: { userId, email, name },
      date: day.date,
      newlyAtRisk: section(
        newly.get(userId),
        (r: DigestScoreRow & { drivers: string }): NewlyAtRiskItem => ({
          ...customer(r),
          reason: topReason(r),
        }),
      ),
      risers: section(risers.get(userId), (r: DigestScoreRow & { previous: number }) => ({
        ...customer(r),
        previous: r.previous,
      })),
      renewalsAtRisk: section(renewalsByOwner.get(userId), (r) => ({
        ...customer(r),
        renewalDate: new Date(day.dayStartMs + r.daysToRenewal * DAY_MS).toISOString().slice(0, 10),
        daysToRenewal: r.daysToRenewal,
      })),
      followUps: section(followUps.get(userId), (r) => ({
        customer: customer({ ...r, mrr: 0, probability: 0 }),
        subject: r.subject,
        sentAt: r.sentAt,
      })),
      myAccountsUrl: `${publicUrl}/at-risk?owner=me`,
    };
  });
  return { runs, digests };
}

/** The latest complete run whose as-of date is `day` or earlier, and the complete run before it; null when none. */
async function findDigestRuns(db: Database, day: DigestDay): Promise<DigestRuns | null> {
  const run = await findPreviousRiskRun(db, new Date(day.dayStartMs + DAY_MS));
  if (!run) return null;
  const previous = await findPreviousRiskRun(db, run.asOf);
  return { runId: run.id, asOf: run.asOf, previousRunId: previous?.id ?? null, previousAsOf: previous?.asOf ?? null };
}

/** The first driver's text; null when there is none or the saved drivers cannot be read (logged, not fatal). */
function topReason(r: { externalId: string; drivers: string }): string | null {
  try {
    return readDrivers(r.drivers, `of customer ${r.externalId}`)[0]?.text ?? null;
  } catch (error) {
    log.warn({ customer: r.externalId, err: error }, "unreadable drivers: the digest shows no reason");
    return null;
  }
}
