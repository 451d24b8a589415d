import { AppError, ErrorCode } from "../errors.ts";
import { DAY_FORM, DateProblem, INSTANT_FORM, readIsoDay, readIsoInstant } from "./read-iso.ts";

function refuse(name: string, problem: DateProblem, text: string): AppError {
  return new AppError(ErrorCode.BadInput, `${name}: expected ${problem.expected}, found "${text}"`);
}

/**
 * A day given at a door (a CLI option, a query parameter): strict `YYYY-MM-DD` → ms at 00:00 UTC.
 * Throws AppError(BadInput) `name: expected …, found "…"` (`--from: expected a date YYYY-MM-DD
 * that exists (2026-02 has 28 days), found "2026-02-31"`).
 */
export function parseDay(name: string, text: string): number {
  const ms = readIsoDay(text);
  if (ms instanceof DateProblem) throw refuse(name, ms, text);
  return ms;
}

const DAY_OR_INSTANT = new DateProblem(`${DAY_FORM} or ${INSTANT_FORM}`);

/** A day (00:00 UTC) or an ISO 8601 timestamp with Z or an offset → ms; throws as parseDay does. */
export function parseDayOrInstant(name: string, text: string): number {
  const ms = text.length === 10 ? readIsoDay(text) : readIsoInstant(text);
  if (!(ms instanceof DateProblem)) return ms;
  // Not the shape of either: name both forms; otherwise say what is wrong with the one it has.
  throw refuse(name, ms.expected === DAY_FORM || ms.expected === INSTANT_FORM ? DAY_OR_INSTANT : ms, text);
}
