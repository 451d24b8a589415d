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

function show(raw: unknown): string {
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
  if (LONE_SURROGATE.test(s)) return new Problem("expected valid Unicode text, found a lone surrogate (half of a UTF-16 pair)");
  if (s.length > max) return new Problem(`expected at most ${max} characters, found ${s.length}`);
  return s;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number within [min, max]; blank → null (or a Problem when required). */
export function parseNumber(raw: unknown, opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}): Parsed<number | null> {
  const { required = false, min = -Infinity, max = Infinity, integer = false } = opts;
  if (isBlank(raw)) return required ? MISSING : null;
  // Decimal notation only: Number() would also read "0x10" as 16, "0b11" as 3 and " " as 0.
  const n = typeof raw === "number" ? raw : typeof raw === "string" && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n)) return new Problem(`expected a number, found ${show(raw)}`);
  if (integer && !Number.isInteger(n)) return new Problem(`expected a whole number, found ${show(raw)}`);
  if (n < min || n > max) {
    const range = max === Infinity ? `≥ ${min}` : `${min}–${max}`;
    return new Problem(`value out of range: expected ${range}, found ${n}`);
  }
  return n;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Years a date or timestamp may have: older or later ones are typing errors, never shifted. */
export const YEAR_RANGE = { min: 1900, max: 2200 } as const;
const yearOutOfRange = (year: number, raw: unknown) =>
  year < YEAR_RANGE.min || year > YEAR_RANGE.max ? new Problem(`value out of range: expected a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, found ${show(raw)}`) : null;
const dateCache = new Map<string, number>();

/** `YYYY-MM-DD` → ms at UTC midnight (cached: dates repeat in big files). */
export function parseDate(raw: unknown, required = false): Parsed<number | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  const s = String(raw).trim();
  const cached = dateCache.get(s);
  if (cached !== undefined) return cached;
  const m = DATE.exec(s);
  const outside = m && yearOutOfRange(+m[1], raw);
  if (outside) return outside;
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  const d = new Date(ms);
  if (!m || d.getUTCDate() !== +m[3] || d.getUTCMonth() !== +m[2] - 1) return new Problem(`unparseable date: expected YYYY-MM-DD, found ${show(raw)}`);
  if (dateCache.size > 100_000) dateCache.clear();
  dateCache.set(s, ms);
  return ms;
}

/** The number written by the `n` ASCII digits of `s` at `at`, or -1 if any is not a digit. */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]](Z|±HH[:]MM)` → ms since epoch, or NaN. Parsed by hand, without
 * a regex or substrings: timestamps are the hottest fields of a big ticket import.
 */
function isoTimestampMs(s: string): number {
  const year = digitsAt(s, 0, 4), month = digitsAt(s, 5, 2), day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2), minute = digitsAt(s, 14, 2);
  const sep = s.charCodeAt(10);
  if (s[4] !== "-" || s[7] !== "-" || s[13] !== ":" || (sep !== 84 && sep !== 116 && sep !== 32)) return NaN; // T, t, space
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  let at = 16, second = 0, ms = 0;
  if (s[at] === ":") {
    second = digitsAt(s, at + 1, 2);
    if (second < 0 || second > 59) return NaN;
    at += 3;
    if (s[at] === ".") {
      const from = ++at;
      while (at < s.length && at - from < 9 && digitsAt(s, at, 1) >= 0) at++;
      if (at === from) return NaN;
      // Milliseconds are the first three digits (missing ones are zeros); the rest is truncated.
      for (let i = 0; i < 3; i++) ms = ms * 10 + (from + i < at ? s.charCodeAt(from + i) - 48 : 0);
    }
  }
  let offset = 0;
  const zone = s[at];
  if ((zone === "Z" || zone === "z") && at + 1 === s.length) offset = 0;
  else if (zone === "+" || zone === "-") {
    const colon = s[at + 3] === ":" ? 1 : 0;
    const oh = digitsAt(s, at + 1, 2), om = digitsAt(s, at + 3 + colon, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || at + 5 + colon !== s.length) return NaN;
    offset = (zone === "-" ? -1 : 1) * (oh * 60 + om);
  } else return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

/** ISO 8601 timestamp with `Z` or an offset → ms since epoch. */
export function parseTimestamp(raw: unknown, required = false): Parsed<number | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  const s = String(raw).trim();
  const outside = s[4] === "-" && digitsAt(s, 0, 4) >= 0 && yearOutOfRange(digitsAt(s, 0, 4), raw);
  if (outside) return outside;
  const ms = isoTimestampMs(s);
  if (!Number.isNaN(ms)) return ms;
  return new Problem(`unparseable timestamp: expected ISO 8601 with Z or an offset (2024-05-01T09:30:00Z), found ${show(raw)}`);
}

/** One of the allowed values (case-insensitive); blank → fallback. */
export function parseEnum<T extends string>(raw: unknown, allowed: readonly T[], fallback: T | null): Parsed<T | null> {
  if (isBlank(raw)) return fallback;
  const s = String(raw).trim().toLowerCase();
  if ((allowed as readonly string[]).includes(s)) return s as T;
  return new Problem(`unknown value: expected one of ${allowed.join("|")}, found ${show(raw)}`);
}

const zoneCache = new Map<string, boolean>();

/** An IANA time zone name; blank → UTC. */
export function parseTimezone(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return "UTC";
  const s = String(raw).trim();
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
