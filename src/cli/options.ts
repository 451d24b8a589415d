import { parseDay } from "../dates/index.ts";
import { AppError, ErrorCode } from "../errors.ts";

/** A `YYYY-MM-DD` option value, checked by the one strict day parser (a day that exists, years 1900–2200). */
export function parseDateOption(name: string, value: string): string {
  parseDay(name, value);
  return value;
}

/** A whole-number option value within [min, max], checked. */
export function parseIntOption(name: string, value: string, min = -Infinity, max = Infinity): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = min > -Infinity ? ` from ${min}${max < Infinity ? ` to ${max}` : ""}` : "";
    throw new AppError(ErrorCode.BadInput, `${name}: expected a whole number${range}, found "${value}"`);
  }
  return n;
}
