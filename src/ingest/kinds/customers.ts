import type { CustomerRow } from "../../db/import-rows.ts";
import { CONTRACTS } from "../contract.ts";
import { parseDate, parseEmail, parseNumber, parseText, parseTimezone } from "../parse-field.ts";
import { RowChecker, type KindSpec } from "./kind-spec.ts";

export const customersSpec: KindSpec<CustomerRow> = {
  kind: "customers",
  contract: CONTRACTS.customers,
  validate(raw) {
    const c = new RowChecker();
    const row: CustomerRow = {
      externalId: c.take("customer_id", parseText(raw.customer_id, true, 200))!,
      name: c.take("name", parseText(raw.name)),
      email: c.take("email", parseEmail(raw.email)),
      plan: c.take("plan", parseText(raw.plan, false, 200)),
      mrr: c.take("mrr", parseNumber(raw.mrr, { min: 0 })) ?? 0,
      signupDate: c.take("signup_date", parseDate(raw.signup_date, true))!,
      churnDate: c.take("churn_date", parseDate(raw.churn_date)),
      segment: c.take("segment", parseText(raw.segment, false, 200)),
      timezone: c.take("timezone", parseTimezone(raw.timezone)),
      // Lowercased: owners are matched to users, whose emails are stored lowercased.
      ownerEmail: c.take("owner_email", parseEmail(raw.owner_email))?.toLowerCase() ?? null,
      contactName: c.take("contact_name", parseText(raw.contact_name, false, 200)),
    };
    if (row.churnDate !== null && row.signupDate !== null && row.churnDate < row.signupDate) {
      c.fail("churn_date", `value out of range: churn_date must not be before signup_date (${raw.signup_date})`);
    }
    return c.result(row);
  },
};
