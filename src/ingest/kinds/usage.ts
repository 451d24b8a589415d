import type { UsageRow } from "../../db/import-rows.ts";
import { dayNumber } from "../../db/timestamps.ts";
import { CONTRACTS } from "../contract.ts";
import { parseDate, parseNumber, parseText } from "../parse-field.ts";
import { RowChecker, type KindSpec } from "./kind-spec.ts";

export const usageSpec: KindSpec<UsageRow> = {
  kind: "usage",
  contract: CONTRACTS.usage,
  validate(raw, lookups) {
    const c = new RowChecker();
    const customer = c.take("customer_id", parseText(raw.customer_id, true, 200));
    const date = c.take("date", parseDate(raw.date, true));
    const metric = c.take("metric", parseText(raw.metric, true, 100));
    const value = c.take("value", parseNumber(raw.value, { required: true, min: 0 }));
    const customerId = c.ref("customer_id", customer, lookups.customerId, "customer");
    return c.result<UsageRow>({ customerId: customerId!, metric: metric!, day: dayNumber(date ?? 0), value: value! });
  },
};
