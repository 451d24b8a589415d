import { AppError, ErrorCode } from "../errors.ts";
import { toCategory } from "./parse-value.ts";
import type { RawValue } from "./types.ts";

/** Label values taken as "churned" when no positive value is given, in order of preference. */
const positiveGuesses = ["yes", "1", "true", "churn", "churned", "y", "t"];

/** Labels as 0/1 plus the rows that had no label. */
export interface ResolvedLabels {
  y: Float32Array;
  /** The label text that means churn, as first found in the data. */
  positive: string;
  /** Indices of rows with a missing label (their y is 0 and they should be skipped). */
  missing: number[];
}

/** Case-insensitive text, numbers in canonical form ("1.0" and "1" are the same label). */
function labelKey(text: string): string {
  const n = Number(text);
  return text !== "" && Number.isFinite(n) ? String(n) : text.toLowerCase();
}

/**
 * Turns a label column into 0/1. Without `positive`, the column must hold exactly two values
 * and one of them must look like churn ("Yes", "1", "true", …).
 */
export function resolveLabels(
  values: readonly RawValue[],
  { positive, column = "label" }: { positive?: string; column?: string } = {},
): ResolvedLabels {
  const keys = values.map((v) => {
    const t = toCategory(v);
    return t === null ? null : labelKey(t);
  });
  const firstText = new Map<string, string>();
  for (const [i, k] of keys.entries()) {
    if (k !== null && !firstText.has(k)) firstText.set(k, toCategory(values[i]) as string);
  }
  const distinct = [...firstText.values()];
  let chosen = positive === undefined ? undefined : labelKey(positive.trim());
  if (chosen === undefined) {
    if (firstText.size !== 2) {
      throw new AppError(
        ErrorCode.BadInput,
        `expected label column "${column}" to hold exactly 2 values (or a positive value to be given), ` +
          `found ${firstText.size}: ${distinct.slice(0, 5).join(", ")}`,
      );
    }
    chosen = positiveGuesses.find((g) => firstText.has(g));
    if (chosen === undefined) {
      throw new AppError(
        ErrorCode.BadInput,
        `expected label column "${column}" to use Yes/No, 1/0 or true/false, found ${distinct.join(", ")}; pass the positive value`,
      );
    }
  } else if (!firstText.has(chosen) && firstText.size > 0) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected positive label "${positive}" in column "${column}", found only ${distinct.slice(0, 5).join(", ")}`,
    );
  }
  const y = new Float32Array(values.length);
  const missing: number[] = [];
  keys.forEach((k, i) => {
    if (k === null) missing.push(i);
    else if (k === chosen) y[i] = 1;
  });
  return { y, positive: firstText.get(chosen) ?? positive ?? chosen, missing };
}
