import { describe, expect, it } from "vitest";
import { featureCatalogue } from "./feature-columns.ts";
import { featureLabel } from "./feature-labels.ts";

describe("featureLabel", () => {
  it.each([
    ["days_to_renewal", "Days to renewal"],
    ["logins_7d", "Logins, last 7 days"],
    ["logins_vs_prev30", "Logins: last 30 d vs the 30 before"],
    ["active_users_days_inactive", "Active users: days since last active"],
    ["tickets_30d", "Tickets, last 30 days"],
    ["monthly_spend", "monthly_spend"],
    ["_7d", "_7d"],
  ])("%s → %s", (name, label) => expect(featureLabel(name)).toBe(label));

  it("gives every column of the catalogue a label of its own", () => {
    const names = featureCatalogue(["logins", "active_users"]).map((f) => f.name);
    const labels = names.map(featureLabel);
    expect(names.filter((n) => featureLabel(n) === n)).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
