/**
 * Column values as the drivers return them: SQLite gives timestamps as text and booleans
 * as 0/1, PostgreSQL gives Dates and booleans. These read either.
 */
export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function asDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : asDate(value);
}

export function asBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "t";
}

/** `(?, ?, …)` for an IN list of n values. */
export function placeholders(n: number): string {
  return `(${new Array(n).fill("?").join(", ")})`;
}
