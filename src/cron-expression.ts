/**
 * Cron expressions as node-cron reads them, checked without loading node-cron (only jobs/ may import it):
 * five fields (minute hour day-of-month month day-of-week) or six with seconds first. Each field is `*`, a
 * value, a range `a-b`, any of those with a step `/n`, or a comma list; months and weekdays may be named
 * (`jan`, `mon-fri`). Here so that config.ts refuses a bad schedule at start with the other settings.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface FieldRule {
  min: number;
  max: number;
  /** Names of the values from `min` on (months from 1, weekdays from 0). */
  names?: string[];
}

const SECOND: FieldRule = { min: 0, max: 59 };
const FIELDS: FieldRule[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 7, names: WEEKDAYS }, // 7 is Sunday too
];

/** One value of a field: a number in range or a name; NaN when neither. */
function readValue(text: string, rule: FieldRule): number {
  const named = rule.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + rule.min;
  if (!/^\d{1,2}$/.test(text)) return Number.NaN;
  const n = Number(text);
  return n >= rule.min && n <= rule.max ? n : Number.NaN;
}

function isFieldPart(part: string, rule: FieldRule): boolean {
  const [range, step, extra] = part.split("/");
  if (extra !== undefined || (step !== undefined && !/^[1-9]\d{0,1}$/.test(step))) return false;
  if (range === "*") return true;
  const [from, to, more] = range.split("-");
  if (more !== undefined) return false;
  const start = readValue(from, rule);
  if (to === undefined) return !Number.isNaN(start) && step === undefined;
  const end = readValue(to, rule);
  return !Number.isNaN(start) && !Number.isNaN(end) && start <= end;
}

/** True when `text` is a five- or six-field cron expression node-cron can schedule. */
export function isCronExpression(text: string): boolean {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return false;
  const rules = fields.length === 6 ? [SECOND, ...FIELDS] : FIELDS;
  return fields.every((field, i) => field.split(",").every((part) => isFieldPart(part, rules[i])));
}
