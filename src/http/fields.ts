import { z } from "zod";
import { DAY_FORM, DateProblem, INSTANT_FORM, readIsoDay, readIsoInstant } from "../dates/index.ts";

/**
 * Field builders whose error text completes "expected …", so a 400 reads
 * `query parameter "limit": expected a whole number from 1 to 500, found "abc"`.
 */
export function wholeNumber(min: number, max: number) {
  const error = `a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `one of ${values.join("|")}` });
}

export function text(options: { min?: number; max: number; what?: string }) {
  const error = `${options.what ?? "text"} of ${options.min ?? 1} to ${options.max} characters`;
  return z
    .string({ error })
    .trim()
    .min(options.min ?? 1, { error })
    .max(options.max, { error });
}

export const email = z
  .string({ error: "an email address" })
  .trim()
  .max(320, { error: "an email address" })
  .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, { error: "an email address" });

/** "true" | "false" in a query string → boolean. */
export const booleanText = z.enum(["true", "false"], { error: "true or false" }).transform((v) => v === "true");

/** An ISO 8601 timestamp with Z or an offset → Date, read by the one strict reader (a day that exists, years 1900–2200). */
export const isoTimestamp = z
  .string({ error: INSTANT_FORM })
  .transform((text, ctx) => {
    const ms = readIsoInstant(text);
    if (!(ms instanceof DateProblem)) return new Date(ms);
    ctx.addIssue({ code: "custom", message: ms.expected });
    return z.NEVER;
  })
  .meta({ format: "date-time" });

/** A day `YYYY-MM-DD` → Date at 00:00 UTC, read by the one strict reader (2026-02-31 is refused). */
export const isoDay = z
  .string({ error: DAY_FORM })
  .transform((text, ctx) => {
    const ms = readIsoDay(text.trim());
    if (!(ms instanceof DateProblem)) return new Date(ms);
    ctx.addIssue({ code: "custom", message: ms.expected });
    return z.NEVER;
  })
  .meta({ format: "date" });

/** An object that refuses unknown keys, naming the ones it knows. */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `expected only ${known.length ? known.join(", ") : "none"}` : undefined,
  });
}
