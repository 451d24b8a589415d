import type { z } from "zod";
import { AppError, ErrorCode } from "../errors.ts";

export { sameSecret } from "../same-secret.ts";

/** Parses a vendor's JSON body with its schema; every problem is listed at once (400). */
export function parseVendorJson<T extends z.ZodType>(raw: Buffer, schema: T, expected: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new AppError(ErrorCode.BadInput, `expected a JSON body, found invalid JSON (${(error as Error).message})`);
  }
  return checkVendorValue(json, schema, expected);
}

/** Checks a value with its schema (a part of the body at `prefix`); every problem is listed at once (400). */
export function checkVendorValue<T extends z.ZodType>(
  value: unknown,
  schema: T,
  expected: string,
  prefix = "",
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${[prefix, ...i.path].filter((p) => p !== "").join(".") || "(body)"}: ${i.message}`,
    );
    throw new AppError(ErrorCode.BadInput, `expected ${expected}: ${problems.join("; ")}`, problems);
  }
  return parsed.data;
}
