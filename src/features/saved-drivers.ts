import { z } from "zod";
import { ErrorCode } from "../errors.ts";
import { readSavedJson, savedNumber, type SavedFormat } from "../saved-json.ts";

/** One reason for a customer's risk, as scoring saves it with the score (and outreach with its decisions). */
export interface Driver {
  /** The catalogue group ("logins", "open_tickets"). */
  feature: string;
  /** The reason in words ("logins fell 40 % in 30 days"). */
  text: string;
  /** The feature's value; null since reasons carry their values in words (rows scored before then kept it). */
  value: number | string | null;
  /** Probability with the reason minus without it (calibrated; > 0 raises risk). */
  delta: number;
}

const driverSchema = z.object({
  feature: z.string(),
  text: z.string(),
  value: z.union([z.number(), z.string()]).nullable(),
  delta: savedNumber,
}) satisfies z.ZodType<Driver>;

/** Format 2: `{ formatVersion: 2, drivers: [...] }`. */
const driversV2 = z.object({ formatVersion: z.literal(2), drivers: z.array(driverSchema) }).transform((d) => d.drivers);

const DRIVERS_FORMAT = 2;

const format: SavedFormat<Driver[]> = {
  name: "drivers",
  current: DRIVERS_FORMAT,
  versions: { 2: driversV2 },
  // Before format 2 the drivers were saved as a bare array of the same objects.
  unversioned: z.array(driverSchema),
  remedy: "score again with `npx retain score`",
  code: ErrorCode.Database,
};

/** The one writer of saved drivers (risk_scores.drivers, copied as is into outreach follow-ups and decisions). */
export function writeDrivers(drivers: readonly Driver[]): string {
  return JSON.stringify({ formatVersion: DRIVERS_FORMAT, drivers });
}

/** The one reader of saved drivers: format 2 or the older bare array; `where` names the row in messages ("of customer A1"). */
export function readDrivers(text: string, where: string): Driver[] {
  return readSavedJson(format, text, where);
}
