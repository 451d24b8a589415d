import type { RawValue } from "./types.ts";

const missingTokens = new Set(["", "na", "n/a", "nan", "null", "none", "?", "-"]);

/** True when trimmed text is blank or an "NA"-like token. */
function isMissingText(text: string): boolean {
  if (text.length === 0) return true;
  if (text.length > 4) return false;
  // Every token starts with n, ? or -: skip the lowercase copy for everything else ("Yes", "12").
  const first = text.charCodeAt(0) | 0x20;
  return (first === 0x6e || first === 0x3f || first === 0x2d) && missingTokens.has(text.toLowerCase());
}

/** True for null/undefined, NaN and blank or "NA"-like text. */
export function isMissing(value: RawValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "number") return !Number.isFinite(value);
  if (typeof value === "boolean") return false;
  return isMissingText(value.trim());
}

/** The numeric value of a cell, NaN when missing or not a number (booleans → 1/0). */
export function toNumber(value: RawValue): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === "boolean") return value ? 1 : 0;
  const n = Number(value);
  // Number("") and Number("  ") are 0: blank text is missing, not zero.
  if (!Number.isFinite(n) || value.trim() === "") return Number.NaN;
  return n;
}

/** The category text of a cell (trimmed), `null` when missing. Numbers keep their shortest form. */
export function toCategory(value: RawValue): string | null {
  if (typeof value === "string") {
    const text = value.trim();
    return isMissingText(text) ? null : text;
  }
  if (isMissing(value)) return null;
  return String(value);
}
