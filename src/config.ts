import { resolve } from "node:path";
import { z } from "zod";
import { isCronExpression } from "./cron-expression.ts";
import { AppError, ErrorCode } from "./errors.ts";

const PORT_EXPECTED = "expected a port number 1–65535";

/** What an at-risk rule looks like, for every message that refuses one. */
export const AT_RISK_RULE_EXPECTED =
  "expected threshold:P (0 < P < 1), top:N (percent, 0 < N ≤ 100) or revenue:AMOUNT (≥ 0)";

/** Rows per import batch (one transaction each) unless RETAIN_IMPORT_BATCH says otherwise. */
export const DEFAULT_IMPORT_BATCH = 10_000;

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:)/, "a postgresql://… URL or file:PATH")
    .optional(),
  RETAIN_DATA_DIR: z.string().default("data"),
  RETAIN_MODELS_DIR: z.string().default("models"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce
    .number({ error: PORT_EXPECTED })
    .int(PORT_EXPECTED)
    .min(1, PORT_EXPECTED)
    .max(65535, PORT_EXPECTED)
    .default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RETAIN_IMPORT_BATCH: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_IMPORT_BATCH),
  RETAIN_TF_BACKEND: z.enum(["tensorflow", "wasm", "cpu"]).optional(),
  RETAIN_SCORING_CRON: z.string().default("0 2 * * *"),
  // Model health: promotion rule, scheduled retraining, alerts (README "Churn model").
  RETAIN_PROMOTION_RESAMPLES: z.coerce.number().int().min(100).max(100_000).default(1000),
  RETAIN_PROMOTION_LOG_LOSS_TOLERANCE: z.coerce.number().min(0).max(1).default(0.005),
  RETAIN_RETRAINING: z.enum(["on", "off"], { error: "expected on or off" }).default("on"),
  RETAIN_RETRAINING_CRON: z
    .string()
    .default("0 3 1 * *")
    .refine(isCronExpression, 'expected a cron expression (minute hour day month weekday) like "0 3 1 * *"'),
  RETAIN_ALERT_AUC_TOLERANCE: z.coerce.number().min(0).max(1).default(0.05),
  RETAIN_DRIFT_PSI: z.coerce.number({ error: "expected a PSI > 0 such as 0.2" }).positive().max(100).default(0.2),
  // Daily digest to each CSM: on by default when SMTP_URL is set (see README "Daily digest").
  RETAIN_DIGEST: z.enum(["on", "off"], { error: "expected on or off" }).optional(),
  RETAIN_DIGEST_CRON: z
    .string()
    .default("0 7 * * 1-5")
    .refine(isCronExpression, 'expected a cron expression (minute hour day month weekday) like "0 7 * * 1-5"'),
  RETAIN_TIMEZONE: z.string().default("UTC").refine(isTimeZone, "an IANA time zone like Europe/Paris"),
  RETAIN_CURRENCY: z.string().default("USD").refine(isCurrencyCode, "expected an ISO 4217 code such as USD or EUR"),
  RETAIN_AT_RISK_RULE: z
    .string()
    .optional()
    .refine((v) => !v || parseAtRiskRuleText(v) !== null, AT_RISK_RULE_EXPECTED), // empty: the model's threshold
  RETAIN_SESSION_SECRET: z.string().min(32, "at least 32 characters").optional(),
  // Outreach (follow-up emails): see README "Outreach configuration".
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "an smtp://user:pass@host:port or smtps://… URL")
    .optional(),
  RETAIN_MAIL_FROM: z
    .string()
    .default("Customer Success <retain@localhost>")
    .refine((v) => MAILBOX.test(v), 'an address like "Customer Success <cs@example.com>"'),
  RETAIN_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, "the http(s):// base URL customers reach this server on")
    .optional(),
  RETAIN_COMPANY_NAME: z.string().trim().min(1).max(120, "at most 120 characters").optional(),
  RETAIN_PRODUCT_NAME: z.string().trim().min(1).max(120, "at most 120 characters").optional(),
  RETAIN_OUTREACH_REVIEW_MRR: z.coerce.number({ error: "expected an amount ≥ 0" }).min(0).optional(),
  RETAIN_UNSUBSCRIBE_SECRET: z.string().min(16, "at least 16 characters").optional(),
  RETAIN_UNSUBSCRIBE_MAILTO: z
    .string()
    .regex(/^[^\s@<>]+@[^\s@<>]+$/, "an email address")
    .optional(),
  RETAIN_WEBHOOK_SECRET: z.string().min(16, "at least 16 characters").optional(),
  RETAIN_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  // Helpdesk webhooks in their vendors' formats: see README "Helpdesk webhooks". Unset → the route answers 404.
  RETAIN_ZENDESK_SECRET: z.string().min(16, "the webhook's signing secret (16+ characters)").optional(),
  RETAIN_INTERCOM_SECRET: z.string().min(16, "the app's client secret (16+ characters)").optional(),
  RETAIN_FRESHDESK_SECRET: z.string().min(16, "at least 16 characters").optional(),
  RETAIN_ZENDESK_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+\/?$/, "your Zendesk's address, like https://acme.zendesk.com")
    .optional(),
  RETAIN_ZENDESK_API_TOKEN: z
    .string()
    .regex(
      /^[^\s/]+@[^\s/]+\/token:\S+$/,
      "an agent's email, /token: and an API token, like agent@acme.com/token:abc123",
    )
    .optional(),
  RETAIN_OUTREACH_DELAY_HOURS: z.coerce.number().min(0).max(720).default(24),
  RETAIN_OUTREACH_SEND_HOURS: z
    .string()
    .default("09-17")
    .refine((v) => parseSendHours(v) !== null, "HH-HH, start before end, like 09-17 (0-24 = all day)"),
  RETAIN_OUTREACH_SEND_DAYS: z
    .string()
    .default("mon-fri")
    .refine((v) => parseSendDays(v) !== null, "days like mon-fri or mon,wed,fri (mon-sun = every day)"),
  RETAIN_OUTREACH_CAP_DAYS: z.coerce.number().min(0).max(365).default(14),
  RETAIN_OUTREACH_HOLDOUT_PERCENT: z.coerce.number().min(0).max(90).default(10),
  RETAIN_OUTREACH_WINDOW_DAYS: z.coerce.number().int().min(1).max(730).default(60),
  RETAIN_OUTREACH_MAX_AGE_HOURS: z.coerce.number().min(1).max(8760).default(168),
  RETAIN_OUTREACH_EXPIRE_HOURS: z.coerce.number().min(1).max(8760).default(72),
  RETAIN_OUTREACH_INTERVAL_SECONDS: z.coerce.number().min(0.1).max(86_400).default(60),
  RETAIN_OUTREACH_BATCH: z.coerce.number().int().min(1).max(10_000).default(100),
  RETAIN_OUTREACH_CLAIM_SECONDS: z.coerce.number().min(2).max(3600).default(300),
  RETAIN_OUTREACH_RETRY_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  RETAIN_OUTREACH_RETRY_MAX_SECONDS: z.coerce.number().min(0).max(604_800).default(3600),
  RETAIN_OUTREACH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  RETAIN_OUTREACH_PLAYS_DIR: z.string().optional(),
  // Billing and product usage from the tools teams run: see README "Billing (Stripe)" and "Product usage".
  RETAIN_STRIPE_SECRET: z.string().min(8, "the endpoint's signing secret (whsec_…)").optional(),
  RETAIN_SEGMENT_WRITE_KEY: z.string().min(8, "at least 8 characters").optional(),
});

const MAILBOX = /^\s*(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)\s*$/;
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** `09-17` → { start: 9, end: 17 } (local hours, end exclusive); null when malformed. */
export function parseSendHours(text: string): { start: number; end: number } | null {
  const m = /^(\d{1,2})(?::00)?-(\d{1,2})(?::00)?$/.exec(text.trim());
  if (!m) return null;
  const [start, end] = [Number(m[1]), Number(m[2])];
  return start >= 0 && end <= 24 && start < end ? { start, end } : null;
}

/** `mon-fri` or `mon,wed,fri` (ranges may wrap: `sun-thu`) → day numbers 0 = Sunday … 6; null when malformed. */
export function parseSendDays(text: string): number[] | null {
  const days = new Set<number>();
  for (const part of text
    .toLowerCase()
    .split(",")
    .map((p) => p.trim())) {
    const [from, to = from, extra] = part.split("-").map((d) => DAY_NAMES.indexOf(d.trim().slice(0, 3)));
    if (extra !== undefined || from < 0 || to < 0) return null;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return days.size ? [...days].sort() : null;
}

/** An at-risk rule as written (`threshold:0.3`, `top:10` or `top:10%`, `revenue:500`). */
export type AtRiskRuleSpec =
  | { kind: "threshold"; value: number }
  | { kind: "top_percent"; value: number }
  | { kind: "revenue"; value: number };

/**
 * `threshold:0.3` → { kind: "threshold", value: 0.3 }; null when malformed or out of range. Here, so
 * that a bad RETAIN_AT_RISK_RULE is refused at start with the other settings, not at the first scoring.
 */
export function parseAtRiskRuleText(text: string): AtRiskRuleSpec | null {
  const m = /^(threshold|top|revenue):([0-9.]+)%?$/.exec(text.trim());
  const value = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(value)) return null;
  if (m[1] === "threshold") return value > 0 && value < 1 ? { kind: "threshold", value } : null;
  if (m[1] === "top") return value > 0 && value <= 100 ? { kind: "top_percent", value } : null;
  return { kind: "revenue", value };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Three uppercase letters that Intl knows as a currency (USD, EUR, JPY…): a well-formed but unknown "XYZ" is refused too. */
function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return Intl.supportedValuesOf("currency").includes(code);
  } catch {
    return false;
  }
}

export type Dialect = "sqlite" | "postgres";

/** Retain's settings, parsed once from the environment. */
export interface Config {
  dialect: Dialect;
  /** `file:/abs/path.db` for SQLite, the PostgreSQL URL otherwise. */
  databaseUrl: string;
  dataDir: string;
  modelsDir: string;
  host: string;
  port: number;
  logLevel: string;
  importBatchSize: number;
  /** Preferred TensorFlow.js backend; default: native tfjs-node if installed, else WASM, else CPU. */
  tfBackend?: string;
  /** When the nightly scoring runs (cron, in `timezone`). */
  scoringCron: string;
  timezone: string;
  /** The daily digest email to each CSM (src/digest), scheduled by `retain serve`. */
  digest: DigestConfig;
  /** How models are compared, retrained and watched (src/model/registry, src/alerts). */
  modelHealth: ModelHealthConfig;
  /** ISO 4217 code of every amount (MRR, CLV, …) on the pages, in the CLI and in exports; default USD. */
  currency: string;
  /** The at-risk rule (threshold:P, top:N, revenue:AMOUNT); default: the model's threshold. */
  atRiskRule?: string;
  /** Signs dashboard sessions; default: a secret generated into data/session.secret. */
  sessionSecret?: string;
  /** Follow-up emails after ticket closure (src/outreach). */
  outreach: OutreachConfig;
  /** Signing secret of the Stripe webhook endpoint; unset → POST /api/v1/webhooks/stripe answers 404. */
  stripeSecret?: string;
  /** Write key of the Segment-compatible track/batch endpoints; unset → they answer 404. */
  segmentWriteKey?: string;
}

/** The promotion rule, the retraining schedule and the alert tolerance. */
export interface ModelHealthConfig {
  /** Bootstrap resamples of the AUC difference (default 1000). */
  resamples: number;
  /** How much worse a candidate's log loss may be than the active model's on the same rows (default 0.005). */
  logLossTolerance: number;
  /** `retain serve` schedules the retraining job (RETAIN_RETRAINING=on|off, default on). */
  retraining: boolean;
  /** When it runs (cron, in `timezone`); default 03:00 on the 1st of each month. */
  retrainingCron: string;
  /** A run's realised AUC this far below the model's test AUC raises an alert (default 0.05). */
  alertAucTolerance: number;
  /** A feature (or the score) whose PSI against the training window is above this is flagged as drifted (default 0.2). */
  driftPsi: number;
}

/** When the daily digest goes out. */
export interface DigestConfig {
  /** Scheduled by `retain serve`: RETAIN_DIGEST=on|off, default on when SMTP_URL is set. */
  enabled: boolean;
  /** When (cron, in `timezone`); default 07:00 Monday to Friday. */
  cron: string;
}

/** Outreach settings as configured; src/outreach turns them into its runtime settings. */
export interface OutreachConfig {
  /** SMTP server; unset → emails are written as .eml files under `<dataDir>/outbox`. */
  smtpUrl?: string;
  /** The system sender (`Name <address>`): envelope sender, and From when a customer has no owner CSM. */
  mailFrom: string;
  /** Base URL for unsubscribe links (default http://HOST:PORT). */
  publicUrl: string;
  /** The company that sends the follow-ups and the product they are about ({{company}}, {{product}}). */
  companyName?: string;
  productName?: string;
  /** Hold follow-ups for the owner's review when the account's MRR is above this (unless a play sets its own). */
  reviewMrrAbove?: number;
  /** HMAC key of unsubscribe links; unset → generated once and kept in `<dataDir>/unsubscribe.secret`. */
  unsubscribeSecret?: string;
  /** The mailto: of List-Unsubscribe (default: the sender address). */
  unsubscribeMailto?: string;
  /** Shared secret of the ticket-closed webhook; unset → the webhook refuses every call. */
  webhookSecret?: string;
  webhookToleranceSeconds: number;
  /** Secrets of the vendor-format helpdesk webhooks (src/helpdesk); a route whose secret is unset answers 404. */
  helpdeskSecrets: { zendesk?: string; intercom?: string; freshdesk?: string };
  /** Zendesk's Users API, for the requester's email (Zendesk's ticket events name people by id only); both or neither. */
  zendeskApi?: { url: string; token: string };
  delayHours: number;
  /** Local sending hours [start, end) on `sendDays` (0 = Sunday), in each customer's time zone. */
  sendHours: { start: number; end: number };
  sendDays: number[];
  capDays: number;
  holdoutPercent: number;
  windowDays: number;
  /** Closings older than this when they reach the scheduler do not trigger a follow-up. */
  maxAgeHours: number;
  /** A message not sent this long after its planned time is cancelled (expired). */
  expireHours: number;
  intervalSeconds: number;
  batchSize: number;
  claimSeconds: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  maxAttempts: number;
  /** Folder of play folders (templates); default: the plays shipped in src/outreach/plays. */
  playsDir?: string;
}

/** Parses the environment; every bad variable is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join(".")}: ${i.message}, found ${JSON.stringify(env[String(i.path[0])])}`,
    );
    throw new AppError(ErrorCode.BadConfig, `bad environment:\n  ${problems.join("\n  ")}`, problems);
  }
  const e = parsed.data;
  const dataDir = resolve(e.RETAIN_DATA_DIR);
  const url = e.DATABASE_URL ?? `file:${resolve(dataDir, "retain.db")}`;
  const dialect: Dialect = url.startsWith("file:") ? "sqlite" : "postgres";
  return {
    dialect,
    databaseUrl: dialect === "sqlite" ? `file:${resolve(url.slice("file:".length))}` : url,
    dataDir,
    modelsDir: resolve(e.RETAIN_MODELS_DIR),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    importBatchSize: e.RETAIN_IMPORT_BATCH,
    tfBackend: e.RETAIN_TF_BACKEND,
    scoringCron: e.RETAIN_SCORING_CRON,
    timezone: e.RETAIN_TIMEZONE,
    digest: { enabled: (e.RETAIN_DIGEST ?? (e.SMTP_URL ? "on" : "off")) === "on", cron: e.RETAIN_DIGEST_CRON.trim() },
    modelHealth: {
      resamples: e.RETAIN_PROMOTION_RESAMPLES,
      logLossTolerance: e.RETAIN_PROMOTION_LOG_LOSS_TOLERANCE,
      retraining: e.RETAIN_RETRAINING === "on",
      retrainingCron: e.RETAIN_RETRAINING_CRON.trim(),
      alertAucTolerance: e.RETAIN_ALERT_AUC_TOLERANCE,
      driftPsi: e.RETAIN_DRIFT_PSI,
    },
    currency: e.RETAIN_CURRENCY,
    atRiskRule: e.RETAIN_AT_RISK_RULE || undefined,
    sessionSecret: e.RETAIN_SESSION_SECRET,
    outreach: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.RETAIN_MAIL_FROM,
      publicUrl: (e.RETAIN_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ""),
      companyName: e.RETAIN_COMPANY_NAME,
      productName: e.RETAIN_PRODUCT_NAME,
      reviewMrrAbove: e.RETAIN_OUTREACH_REVIEW_MRR,
      unsubscribeSecret: e.RETAIN_UNSUBSCRIBE_SECRET,
      unsubscribeMailto: e.RETAIN_UNSUBSCRIBE_MAILTO,
      webhookSecret: e.RETAIN_WEBHOOK_SECRET,
      webhookToleranceSeconds: e.RETAIN_WEBHOOK_TOLERANCE_SECONDS,
      helpdeskSecrets: {
        zendesk: e.RETAIN_ZENDESK_SECRET,
        intercom: e.RETAIN_INTERCOM_SECRET,
        freshdesk: e.RETAIN_FRESHDESK_SECRET,
      },
      zendeskApi:
        e.RETAIN_ZENDESK_URL && e.RETAIN_ZENDESK_API_TOKEN
          ? { url: e.RETAIN_ZENDESK_URL.replace(/\/+$/, ""), token: e.RETAIN_ZENDESK_API_TOKEN }
          : undefined,
      delayHours: e.RETAIN_OUTREACH_DELAY_HOURS,
      sendHours: parseSendHours(e.RETAIN_OUTREACH_SEND_HOURS)!,
      sendDays: parseSendDays(e.RETAIN_OUTREACH_SEND_DAYS)!,
      capDays: e.RETAIN_OUTREACH_CAP_DAYS,
      holdoutPercent: e.RETAIN_OUTREACH_HOLDOUT_PERCENT,
      windowDays: e.RETAIN_OUTREACH_WINDOW_DAYS,
      maxAgeHours: e.RETAIN_OUTREACH_MAX_AGE_HOURS,
      expireHours: e.RETAIN_OUTREACH_EXPIRE_HOURS,
      intervalSeconds: e.RETAIN_OUTREACH_INTERVAL_SECONDS,
      batchSize: e.RETAIN_OUTREACH_BATCH,
      claimSeconds: e.RETAIN_OUTREACH_CLAIM_SECONDS,
      retryBaseSeconds: e.RETAIN_OUTREACH_RETRY_SECONDS,
      retryMaxSeconds: e.RETAIN_OUTREACH_RETRY_MAX_SECONDS,
      maxAttempts: e.RETAIN_OUTREACH_MAX_ATTEMPTS,
      playsDir: e.RETAIN_OUTREACH_PLAYS_DIR ? resolve(e.RETAIN_OUTREACH_PLAYS_DIR) : undefined,
    },
    stripeSecret: e.RETAIN_STRIPE_SECRET,
    segmentWriteKey: e.RETAIN_SEGMENT_WRITE_KEY,
  };
}

/** The log level before the rest of the configuration is read: LOG_LEVEL, silent under tests. */
export function initialLogLevel(env: NodeJS.ProcessEnv = process.env): string {
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  if (env.LOG_LEVEL && levels.includes(env.LOG_LEVEL)) return env.LOG_LEVEL;
  return env.VITEST ? "silent" : "info";
}
