import type { RawValue } from "./types.ts";

const missingTokens = new Set(["", "na", "n/a", "nan", "null", "none", "?", "-"]);

/** True for null/undefined, NaN and blank or "NA"-like text. */
export function isMissing(value: RawValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "number") return !Number.isFinite(value);
  if (typeof value === "boolean") return false;
  return missingTokens.has(value.trim().toLowerCase());
}

/** The numeric value of a cell, NaN when missing or not a number (booleans → 1/0). */
export function toNumber(value: RawValue): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === "boolean") return value ? 1 : 0;
  const text = value.trim();
  if (text === "" || isMissing(text)) return Number.NaN;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The category text of a cell, `null` when missing. Numbers keep their shortest form. */
export function toCategory(value: RawValue): string | null {
  if (isMissing(value)) return null;
  return typeof value === "string" ? value.trim() : String(value);
}
