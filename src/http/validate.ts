import type { z } from "zod";
import { AppError, ErrorCode } from "../errors.ts";

/** Where a value came from, as messages name it. */
export type InputPlace = "query parameter" | "body field" | "path parameter";

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** One message per problem: `query parameter "limit": expected a whole number from 1 to 500, found "abc"`. */
function formatIssue(place: InputPlace, issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown ${place}${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: ${issue.message}`;
  }
  const path = issue.path.map(String).join(".");
  let found: unknown = input;
  for (const key of issue.path)
    found =
      found && typeof found === "object" ? (found as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  return `${place} "${path}": expected ${issue.message}, found ${describe(found)}`;
}

/** Parses with a zod schema; on failure an AppError(BadInput) listing every problem, saying what was expected and what was found. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, place: InputPlace): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => formatIssue(place, issue, input));
  throw new AppError(ErrorCode.BadInput, messages.join("; "));
}

/** Query parameters: each must appear once; empty values count as absent (as a blank form field). */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (typeof value !== "string")
      throw new AppError(ErrorCode.BadInput, `query parameter "${name}": expected one value, found ${describe(value)}`);
    if (value !== "") values[name] = value;
  }
  return parseInput(schema, values, "query parameter");
}

/** A JSON body: a missing one (no `Content-Type: application/json`) is named as such. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === undefined)
    throw new AppError(ErrorCode.BadInput, "expected a JSON body with Content-Type: application/json, found none");
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected a JSON object body, found ${Array.isArray(body) ? "an array" : describe(body)}`,
    );
  }
  return parseInput(schema, body, "body field");
}
