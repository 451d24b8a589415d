/** When follow-ups may go out: local hours [start, end) on some days (0 = Sunday … 6 = Saturday). */
export interface SendingHours {
  start: number;
  end: number;
  days: number[];
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(ms: number, timeZone: string): LocalParts & { minute: number; second: number } {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAYS.indexOf(p.weekday),
  };
}

/** Local minus UTC, in ms, at an instant. */
function zoneOffset(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant of a local wall-clock time in a zone (day may overflow: Date.UTC normalises it). */
export function zonedTime(options: { year: number; month: number; day: number; hour: number; timeZone: string }): Date {
  const guess = Date.UTC(options.year, options.month - 1, options.day, options.hour);
  const first = guess - zoneOffset(guess, options.timeZone);
  const second = guess - zoneOffset(first, options.timeZone);
  return new Date(second);
}

function safeZone(timeZone: string): string {
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

/**
 * The first instant at or after `at` inside the sending hours in `timeZone` (an unknown
 * zone counts as UTC): `at` itself when it is inside, else the start of the next sending day.
 */
export function nextSendingTime(at: Date, options: { timeZone: string; hours: SendingHours }): Date {
  const zone = safeZone(options.timeZone);
  const { start, end, days } = options.hours;
  let candidate = at.getTime();
  for (let i = 0; i < 9; i++) {
    const p = localParts(candidate, zone);
    if (days.includes(p.weekday)) {
      if (p.hour >= start && p.hour < end) return new Date(candidate);
      if (p.hour < start) return zonedTime({ ...p, hour: start, timeZone: zone });
    }
    candidate = zonedTime({ ...p, day: p.day + 1, hour: 0, timeZone: zone }).getTime();
  }
  return new Date(candidate);
}
