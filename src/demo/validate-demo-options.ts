import { AppError, ErrorCode } from "../errors.ts";
import { formatEpochDay, parseEpochDay } from "./epoch-day.ts";
import type { DemoProgress, DemoWorldOptions } from "./generate-demo-world.ts";

/** Accepted sizes of a demo world (inclusive). */
export const DEMO_LIMITS = {
  customers: { min: 100, max: 200_000 },
  days: { min: 30, max: 1_100 },
  /** Range of `end` dates. */
  end: { min: "2000-01-01", max: "2100-12-31" },
} as const;

/** Options after validation, with the window as epoch days. */
export interface ValidDemoOptions {
  readonly outDir: string;
  readonly customers: number;
  readonly days: number;
  readonly seed: number;
  /** First and last simulated day (inclusive), epoch days. */
  readonly startDay: number;
  readonly endDay: number;
  readonly onProgress: (progress: DemoProgress) => void;
}

/**
 * Checks every option and reports all problems at once as one BadInput AppError
 * (`details.problems` lists them). `end` defaults to today in UTC, read from `now`.
 */
export function validateDemoOptions(options: DemoWorldOptions, now: Date = new Date()): ValidDemoOptions {
  if (typeof options !== "object" || options === null) {
    throw new AppError(ErrorCode.BadInput, `demo options: expected an object, found ${describe(options)}`);
  }
  const { outDir, customers, days, seed, end, onProgress } = options;
  const problems: string[] = [];
  if (typeof outDir !== "string" || outDir.trim() === "") {
    problems.push(`outDir: expected a directory path, found ${describe(outDir)}`);
  }
  checkInteger(problems, "customers", customers, DEMO_LIMITS.customers);
  checkInteger(problems, "days", days, DEMO_LIMITS.days);
  if (!Number.isSafeInteger(seed)) problems.push(`seed: expected an integer, found ${describe(seed)}`);
  const endText = end ?? now.toISOString().slice(0, 10);
  const endDay = typeof endText === "string" ? parseEpochDay(endText) : undefined;
  const { min, max } = DEMO_LIMITS.end;
  if (endDay === undefined || endText < min || endText > max) {
    problems.push(`end: expected a date YYYY-MM-DD from ${min} to ${max}, found ${describe(end)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    problems.push(`onProgress: expected a function, found ${describe(onProgress)}`);
  }
  if (problems.length > 0) {
    throw new AppError(ErrorCode.BadInput, `Invalid demo world options: ${problems.join("; ")}`, { problems });
  }
  return {
    outDir,
    customers,
    days,
    seed,
    startDay: endDay! - days + 1,
    endDay: endDay!,
    onProgress: onProgress ?? (() => {}),
  };
}

/** The window's first and last dates as text, for summaries. */
export function describeWindow(valid: ValidDemoOptions): { start: string; end: string } {
  return { start: formatEpochDay(valid.startDay), end: formatEpochDay(valid.endDay) };
}

function checkInteger(problems: string[], name: string, value: unknown, range: { min: number; max: number }): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
    problems.push(`${name}: expected an integer from ${range.min} to ${range.max}, found ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === undefined || value === null || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return typeof value;
}
