export { DAY_FORM, DateProblem, INSTANT_FORM, readIsoDay, readIsoInstant, YEAR_RANGE } from "./read-iso.ts";
export { parseDay, parseDayOrInstant } from "./parse-day.ts";
