import { z } from "zod";
import { AppError, ErrorCode } from "../errors.ts";

/**
 * The parts of Stripe's event, subscription and invoice objects Retain reads (every other field
 * is allowed and ignored). In webhooks `customer` is the customer's id unless the sender
 * expanded it into the customer object, so both are accepted.
 */
const metadata = z.record(z.string(), z.unknown()).nullish();
const customerObject = z.looseObject({ id: z.string(), email: z.string().nullish(), metadata });
const customer = z.union([z.string(), customerObject]).nullish();

const recurring = z.looseObject({
  interval: z.enum(["day", "week", "month", "year"]),
  interval_count: z.number().int().positive().nullish(),
});

const price = z.looseObject({
  id: z.string().nullish(),
  nickname: z.string().nullish(),
  lookup_key: z.string().nullish(),
  product: z.union([z.string(), z.looseObject({ id: z.string().nullish(), name: z.string().nullish() })]).nullish(),
  currency: z.string().nullish(),
  unit_amount: z.number().nullish(),
  unit_amount_decimal: z.string().nullish(),
  recurring: recurring.nullish(),
});

/** A subscription item: a price (or, on old API versions, a plan with amount and interval) × quantity. */
const item = z.looseObject({
  price: price.nullish(),
  plan: z
    .looseObject({
      id: z.string().nullish(),
      nickname: z.string().nullish(),
      amount: z.number().nullish(),
      currency: z.string().nullish(),
      interval: recurring.shape.interval.nullish(),
      interval_count: z.number().int().positive().nullish(),
    })
    .nullish(),
  quantity: z.number().nonnegative().nullish(),
});
export type StripeItem = z.infer<typeof item>;

export const stripeSubscription = z.looseObject({
  id: z.string(),
  customer,
  status: z.string().nullish(),
  currency: z.string().nullish(),
  start_date: z.number().nullish(),
  created: z.number().nullish(),
  ended_at: z.number().nullish(),
  canceled_at: z.number().nullish(),
  metadata,
  items: z.looseObject({ data: z.array(item) }).nullish(),
});
export type StripeSubscription = z.infer<typeof stripeSubscription>;

export const stripeInvoice = z.looseObject({
  id: z.string(),
  customer,
  customer_email: z.string().nullish(),
  currency: z.string().nullish(),
  amount_due: z.number().nullish(),
  attempt_count: z.number().nullish(),
  subscription: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
  metadata,
  subscription_details: z.looseObject({ metadata }).nullish(),
});
export type StripeInvoice = z.infer<typeof stripeInvoice>;

export const stripeEvent = z.looseObject({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int().nonnegative(),
  data: z.looseObject({ object: z.looseObject({}) }),
});
export type StripeEvent = z.infer<typeof stripeEvent>;

/** Parses `object` with `schema`, naming the event and every problem when it does not fit. */
export function readStripeObject<T>(schema: z.ZodType<T>, event: StripeEvent): T {
  const parsed = schema.safeParse(event.data.object);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `data.object.${i.path.join(".")}: ${i.message}`);
  throw new AppError(ErrorCode.BadInput, `expected a ${event.type} object: ${problems.join("; ")}`, problems);
}

/** The raw body as a Stripe event (400 with what is wrong otherwise). */
export function parseStripeEvent(raw: Buffer): StripeEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new AppError(ErrorCode.BadInput, `expected a JSON body, found invalid JSON (${(error as Error).message})`);
  }
  const parsed = stripeEvent.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw new AppError(ErrorCode.BadInput, `expected a Stripe event: ${problems.join("; ")}`, problems);
  }
  return parsed.data;
}

/** The Stripe customer id of `customer`, expanded or not. */
export function stripeCustomerId(c: z.infer<typeof customer>): string | null {
  return c ? (typeof c === "string" ? c : c.id) : null;
}
