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

/** Text; blank → null, or a Problem when required. */
export function parseText(raw: unknown, required = false, max = 2000): Parsed<string | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  if (typeof raw !== "string" && typeof raw !== "number") return new Problem(`expected text, found ${show(raw)}`);
  const s = String(raw).trim();
  if (s.length > max) return new Problem(`expected at most ${max} characters, found ${s.length}`);
  return s;
}

/** A number within [min, max]; blank → null (or a Problem when required). */
export function parseNumber(raw: unknown, opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}): Parsed<number | null> {
  const { required = false, min = -Infinity, max = Infinity, integer = false } = opts;
  if (isBlank(raw)) return required ? MISSING : null;
  const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n)) return new Problem(`expected a number, found ${show(raw)}`);
  if (integer && !Number.isInteger(n)) return new Problem(`expected a whole number, found ${show(raw)}`);
  if (n < min || n > max) {
    const range = max === Infinity ? `≥ ${min}` : `${min}–${max}`;
    return new Problem(`value out of range: expected ${range}, found ${n}`);
  }
  return n;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateCache = new Map<string, number>();

/** `YYYY-MM-DD` → ms at UTC midnight (cached: dates repeat in big files). */
export function parseDate(raw: unknown, required = false): Parsed<number | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  const s = String(raw).trim();
  const cached = dateCache.get(s);
  if (cached !== undefined) return cached;
  const m = DATE.exec(s);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  const d = new Date(ms);
  if (!m || d.getUTCDate() !== +m[3] || d.getUTCMonth() !== +m[2] - 1) return new Problem(`unparseable date: expected YYYY-MM-DD, found ${show(raw)}`);
  if (dateCache.size > 100_000) dateCache.clear();
  dateCache.set(s, ms);
  return ms;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/** ISO 8601 timestamp with `Z` or an offset → ms since epoch (parsed by hand: hot in big imports). */
export function parseTimestamp(raw: unknown, required = false): Parsed<number | null> {
  if (isBlank(raw)) return required ? MISSING : null;
  const s = String(raw).trim();
  const m = TIMESTAMP.exec(s);
  if (m) {
    const [y, mo, d, h, mi, sec] = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0];
    const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    const offset = m[9] ? (m[9] === "-" ? -1 : 1) * (+m[10] * 60 + +m[11]) : 0;
    const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    const date = new Date(t);
    if (date.getUTCDate() === d && date.getUTCMonth() === mo - 1 && h < 24 && mi < 60 && sec < 60 && Math.abs(offset) < 24 * 60) {
      return t - offset * 60_000;
    }
  }
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
