import { writeCsv } from "./write-csv.ts";

/**
 * A small world whose features at HAND_AS_OF (2025-06-01) were computed by hand in
 * test/features.test.ts. H1 has usage, tickets and surveys; H5 is 45 days old (younger than
 * the 90- and 180-day baselines); H2 has nothing; H3 and H4 are not customers at T (H4's tickets
 * still count in the channel + category medians).
 */
export const HAND_AS_OF = "2025-06-01";

/** The date `age` days before HAND_AS_OF. */
function before(age: number): string {
  return new Date(Date.parse(`${HAND_AS_OF}T00:00:00Z`) - age * 86_400_000).toISOString().slice(0, 10);
}

export function writeHandWorld(dir: string): void {
  writeCsv(
    dir,
    "customers.csv",
    ["customer_id", "plan", "mrr", "signup_date", "churn_date", "segment"],
    [
      ["H1", "Pro Monthly", 200, "2025-01-10", "2025-07-01", "SMB"],
      ["H2", "Custom", 10, "2025-05-31", "", ""], // signed up the day before T: in the frame
      ["H3", "Custom", 10, "2025-06-01", "", ""], // signs up on T: not yet a customer
      ["H4", "Custom", 10, "2025-01-01", "2025-05-20", ""], // churned before T
      ["H5", "Team Annual", 50, "2025-04-17", "", "Mid"],
    ],
  );
  writeCsv(
    dir,
    "usage.csv",
    ["customer_id", "date", "metric", "value"],
    [
      ["H1", before(1), "logins", 2], // week 0
      ["H1", before(12), "logins", 3], // week 1
      ["H1", before(42), "logins", 10], // week 5, in the previous 30 days
      ["H1", before(100), "logins", 20], // week 14: the peak
      ["H1", HAND_AS_OF, "logins", 99], // on T: not before T
      ["H5", before(3), "logins", 6],
      ["H5", before(20), "logins", 4],
      ["H5", before(40), "logins", 8],
    ],
  );
  const TK = [
    "ticket_id",
    "customer_id",
    "created_at",
    "subject",
    "channel",
    "priority",
    "category",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "reopened_count",
  ];
  writeCsv(dir, "tickets.csv", TK, [
    [
      "K1",
      "H1",
      "2025-05-25T00:00:00Z",
      "Invoice question",
      "email",
      "urgent",
      "billing",
      "2025-05-25T04:00:00Z",
      "2025-05-26T00:00:00Z",
      "2025-05-27T00:00:00Z",
      2,
    ],
    [
      "K2",
      "H1",
      "2025-05-29T00:00:00Z",
      "Please cancel my subscription",
      "chat",
      "normal",
      "account",
      "2025-05-29T02:00:00Z",
      "",
      "",
      0,
    ], // open at T
    [
      "K3",
      "H1",
      "2025-04-01T00:00:00Z",
      "Export fails",
      "phone",
      "high",
      "bug",
      "2025-04-01T06:00:00Z",
      "2025-06-05T00:00:00Z",
      "2025-06-06T00:00:00Z",
      1,
    ], // resolved after T: open at T
    ["K4", "H1", "2025-06-02T00:00:00Z", "Later", "web", "low", "bug", "", "", "", 0], // after T: ignored
    [
      "K5",
      "H1",
      "2024-09-01T00:00:00Z",
      "Old invoice",
      "email",
      "low",
      "billing",
      "2024-09-01T10:00:00Z",
      "2024-09-03T00:00:00Z",
      "2024-09-03T00:00:00Z",
      0,
    ],
    [
      "K6",
      "H1",
      "2025-05-10T00:00:00Z",
      "Invoice copy",
      "email",
      "normal",
      "billing",
      "2025-05-10T08:00:00Z",
      "2025-05-12T12:00:00Z",
      "2025-05-12T12:00:00Z",
      0,
    ],
    [
      "K7",
      "H4",
      "2025-03-01T00:00:00Z",
      "Refund status",
      "email",
      "normal",
      "billing",
      "2025-03-01T12:00:00Z",
      "2025-03-02T12:00:00Z",
      "2025-03-02T12:00:00Z",
      0,
    ],
    [
      "K8",
      "H4",
      "2025-03-05T00:00:00Z",
      "VAT number",
      "email",
      "normal",
      "billing",
      "2025-03-05T01:00:00Z",
      "2025-03-05T12:00:00Z",
      "2025-03-05T12:00:00Z",
      0,
    ],
  ]);
  writeCsv(
    dir,
    "surveys.csv",
    ["response_id", "customer_id", "kind", "score", "responded_at"],
    [
      ["S1", "H1", "csat", 5, "2025-05-01T00:00:00Z"],
      ["S2", "H1", "csat", 2, "2025-05-28T00:00:00Z"],
      ["S3", "H1", "nps", 6, "2025-05-02T00:00:00Z"],
      ["S4", "H1", "ces", 3, "2025-05-03T00:00:00Z"],
      ["S5", "H1", "csat", 1, "2025-06-03T00:00:00Z"], // after T: ignored
      ["S6", "H1", "csat", 4, "2024-12-01T00:00:00Z"],
      ["S7", "H1", "csat", 3, "2024-05-01T00:00:00Z"], // more than 365 days before T: ignored
      ["S8", "H1", "ces", 6, "2025-02-01T00:00:00Z"],
      ["S9", "H5", "csat", 4, "2025-05-15T00:00:00Z"],
    ],
  );
}
