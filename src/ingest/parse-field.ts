import { DAY_FORM, DateProblem, INSTANT_FORM, readIsoDay, readIsoInstant } from "../dates/index.ts";
import { MAX_JSON_DEPTH, measureJsonDepth } from "../measure-json-depth.ts";

/**
 * Field parsers shared by CSV and JSON ingest. Each takes the raw value (a CSV string, or
 * a JSON value) and returns the parsed value or a Problem saying what was expected and found.
 */
export class Problem {
  constructor(readonly reason: string) {}
}

export type Parsed<T> = T | Problem;

const MISSING = new Problem("missing required value");

export function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** A raw value for a message; a value nested deeper than MAX_JSON_DEPTH is described, never stringified (that overflowed the stack). */
function show(raw: unknown): string {
  if (typeof raw === "object" && measureJsonDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return `${Array.isArray(raw) ? "an array" : "an object"} nested more than ${MAX_JSON_DEPTH} levels deep`;
  }
  const s = typeof raw === "string" ? raw : JSON.stringify(raw);
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
}

/** Half of a UTF-16 surrogate pair without its other half: not valid Unicode (JSON can carry it, "\ud800"). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text; blank → null, or a Problem when required. */
export function parseText(raw: unknown, required = false, max = 2000): Parsed<string | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  if (typeof raw !== "string" && typeof raw !== "number") return new Problem(`expected text, found ${show(raw)}`);
  const s = String(raw).trim();
  if (s.includes("\u0000")) return new Problem("expected text without NUL characters, found a NUL (\\u0000)");
  if (LONE_SURROGATE.test(s))
    return new Problem("expected valid Unicode text, found a lone surrogate (half of a UTF-16 pair)");
  if (s.length > max) return new Problem(`expected at most ${max} characters, found ${s.length}`);
  return s;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number within [min, max]; blank → null (or a Problem when required). */
export function parseNumber(
  raw: unknown,
  opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {},
): Parsed<number | null> {
  const { required = false, min = -Infinity, max = Infinity, integer = false } = opts;
  if (isBlank(raw)) return required ? MISSING : null;
  // Decimal notation only: Number() would also read "0x10" as 16, "0b11" as 3 and " " as 0.
  const n =
    typeof raw === "number" ? raw : typeof raw === "string" && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n)) return new Problem(`expected a number, found ${show(raw)}`);
  if (integer && !Number.isInteger(n)) return new Problem(`expected a whole number, found ${show(raw)}`);
  if (n < min || n > max) {
    const range = max === Infinity ? `≥ ${min}` : `${min}–${max}`;
    return new Problem(`value out of range: expected ${range}, found ${n}`);
  }
  return n;
}

const dateCache = new Map<string, number>();

/** A date problem as ingest words it: a year out of range is a range problem, the rest "unparseable". */
function dateProblem(what: "date" | "timestamp", problem: DateProblem, raw: unknown): Problem {
  return new Problem(
    `${problem.outOfRange ? "value out of range" : `unparseable ${what}`}: expected ${problem.expected}, found ${show(raw)}`,
  );
}

/** `YYYY-MM-DD` → ms at UTC midnight, by the one strict reader (cached: dates repeat in big files). */
export function parseDate(raw: unknown, required = false): Parsed<number | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  if (typeof raw !== "string") return dateProblem("date", new DateProblem(DAY_FORM), raw);
  const s = raw.trim();
  const cached = dateCache.get(s);
  if (cached !== undefined) return cached;
  const ms = readIsoDay(s);
  if (ms instanceof DateProblem) return dateProblem("date", ms, raw);
  if (dateCache.size > 100_000) dateCache.clear();
  dateCache.set(s, ms);
  return ms;
}

/** ISO 8601 timestamp with `Z` or an offset → ms since epoch. */
export function parseTimestamp(raw: unknown, required = false): Parsed<number | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  if (typeof raw !== "string") return dateProblem("timestamp", new DateProblem(INSTANT_FORM), raw);
  const ms = readIsoInstant(raw.trim());
  return ms instanceof DateProblem ? dateProblem("timestamp", ms, raw) : ms;
}

/** One of the allowed values (case-insensitive); blank → fallback. */
export function parseEnum<T extends string>(raw: unknown, allowed: readonly T[], fallback: T | null): Parsed<T | null> {
  if (isBlank(raw)) return fallback;
  const s = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if ((allowed as readonly string[]).includes(s)) return s as T;
  return new Problem(`unknown value: expected one of ${allowed.join("|")}, found ${show(raw)}`);
}

const zoneCache = new Map<string, boolean>();

/** An IANA time zone name; blank → UTC. */
export function parseTimezone(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return "UTC";
  if (typeof raw !== "string")
    return new Problem(`unknown time zone: expected an IANA name like Europe/Paris, found ${show(raw)}`);
  const s = raw.trim();
  let ok = zoneCache.get(s);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: s });
      ok = true;
    } catch {
      ok = false;
    }
    zoneCache.set(s, ok);
  }
  return ok ? s : new Problem(`unknown time zone: expected an IANA name like Europe/Paris, found ${show(raw)}`);
}

/** An email address (light check); blank → null. */
export function parseEmail(raw: unknown): Parsed<string | null> {
  const s = parseText(raw, false, 320);
  if (s instanceof Problem || s === null) return s;
  return /^[^\s@<>,;"]+@[^\s@<>,;"]+$/.test(s) ? s : new Problem(`expected an email address, found ${show(raw)}`);
}
