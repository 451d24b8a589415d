import { AppError, ErrorCode } from "../errors.ts";
import { isoDay, oneOf, parseInput, strictObject, text } from "../http/index.ts";
import { readOwnerField } from "./pages/bulk-owner-field.ts";
import { z } from "zod";

/** What the list's bulk form asks for. */
export type BulkFormAction =
  | { action: "snooze"; customerIds: string[]; until: Date; reason: string | null }
  | { action: "assign"; customerIds: string[]; owner: string };

const fields = strictObject({
  action: oneOf(["snooze", "assign"]),
  ids: z.union([z.string(), z.array(z.string())], { error: "customer ids" }).optional(),
  until: isoDay.optional(),
  reason: text({ max: 500, what: "a snooze reason" }).optional(),
  owner: z.string().optional(),
  back: z.string().optional(),
});

/**
 * The bulk form's fields (blank ones count as absent) → the action; BadInput saying what was expected and found
 * (no box ticked, no day to snooze until, an owner that is not an email).
 */
export function readBulkForm(body: unknown): BulkFormAction {
  const filled = Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter(([, v]) => v !== "" && v !== undefined),
  );
  const f = parseInput(fields, filled, "body field");
  const customerIds = f.ids === undefined ? [] : Array.isArray(f.ids) ? f.ids : [f.ids];
  if (!customerIds.length)
    throw new AppError(ErrorCode.BadInput, "no customer selected: expected at least one ticked box in the list");
  if (f.action === "assign") return { action: "assign", customerIds, owner: readOwnerField(f.owner) };
  if (!f.until)
    throw new AppError(ErrorCode.BadInput, "until: expected a date YYYY-MM-DD to snooze until, found nothing");
  return { action: "snooze", customerIds, until: f.until, reason: f.reason ?? null };
}
