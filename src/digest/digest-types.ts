/** A customer as a digest item shows it: the imported id, a name and the link to the customer page. */
export interface DigestCustomer {
  /** The imported customer id (the customer page's id). */
  id: string;
  /** The name, else the id. */
  name: string;
  /** `${publicUrl}/customers/<id>`. */
  url: string;
  mrr: number;
  /** Churn probability in the latest run, 0–1. */
  probability: number;
}

/** Entered at risk in the latest run (was not in the previous one). */
export interface NewlyAtRiskItem extends DigestCustomer {
  /** The first driver's text ("logins fell 40 % in 30 days"); null when the run saved none. */
  reason: string | null;
}

/** Probability up since the previous run. */
export interface RiserItem extends DigestCustomer {
  previous: number;
}

/** At risk, renewing within the renewal window. */
export interface RenewalItem extends DigestCustomer {
  /** YYYY-MM-DD (UTC, as the at-risk list shows it). */
  renewalDate: string;
  /** Whole days from the digest's day, 0 = that day. */
  daysToRenewal: number;
}

/** A follow-up email that went out in the recipient's name. */
export interface FollowUpItem {
  customer: Pick<DigestCustomer, "id" | "name" | "url">;
  subject: string | null;
  sentAt: Date;
}

/** Some of a section's items (the first ones) and how many there are in all. */
export interface DigestSection<Item> {
  items: Item[];
  total: number;
}

/** Who gets a digest. */
export interface DigestRecipient {
  userId: number;
  email: string;
  name: string;
}

/** One person's digest for one day; `isEmpty` ones are not sent. */
export interface Digest {
  recipient: DigestRecipient;
  /** YYYY-MM-DD in RETAIN_TIMEZONE. */
  date: string;
  newlyAtRisk: DigestSection<NewlyAtRiskItem>;
  risers: DigestSection<RiserItem>;
  renewalsAtRisk: DigestSection<RenewalItem>;
  followUps: DigestSection<FollowUpItem>;
  /** `${publicUrl}/at-risk?owner=me`. */
  myAccountsUrl: string;
}

/** The number of items of each section. */
export interface DigestCounts {
  newlyAtRisk: number;
  risers: number;
  renewalsAtRisk: number;
  followUps: number;
}

/** Each section's total. */
export function countDigest(d: Digest): DigestCounts {
  return {
    newlyAtRisk: d.newlyAtRisk.total,
    risers: d.risers.total,
    renewalsAtRisk: d.renewalsAtRisk.total,
    followUps: d.followUps.total,
  };
}

/** True when every section is empty: nothing to send. */
export function isEmptyDigest(d: Digest): boolean {
  return Object.values(countDigest(d)).every((n) => n === 0);
}
