import { AppError, ErrorCode } from "../errors.ts";

/** A `YYYY-MM-DD` option value, checked. */
export function parseDateOption(name: string, value: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new AppError(ErrorCode.BadInput, `${name}: expected a date YYYY-MM-DD, found "${value}"`);
  }
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
