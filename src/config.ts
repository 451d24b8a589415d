import { resolve } from "node:path";
import { z } from "zod";
import { AppError, ErrorCode } from "./errors.ts";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:)/, "a postgresql://… URL or file:PATH")
    .optional(),
  RETAIN_DATA_DIR: z.string().default("data"),
  RETAIN_MODELS_DIR: z.string().default("models"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RETAIN_IMPORT_BATCH: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  RETAIN_TF_BACKEND: z.enum(["tensorflow", "wasm", "cpu"]).optional(),
  RETAIN_SCORING_CRON: z.string().default("0 2 * * *"),
  RETAIN_TIMEZONE: z.string().default("UTC").refine(isTimeZone, "an IANA time zone like Europe/Paris"),
  RETAIN_AT_RISK_RULE: z.string().optional(),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
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
  /** The at-risk rule (threshold:P, top:N, revenue:AMOUNT); default: the model's threshold. */
  atRiskRule?: string;
}

/** Parses the environment; every bad variable is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message} (found ${JSON.stringify(env[String(i.path[0])])})`);
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
    atRiskRule: e.RETAIN_AT_RISK_RULE,
  };
}
