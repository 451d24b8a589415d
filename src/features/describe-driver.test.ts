import { describe, expect, it } from "vitest";
import { describeDriver } from "./describe-driver.ts";

const row = {
  logins_30d: 38, logins_prev30d: 100, logins_trend30: -0.62, logins_days_inactive: 21, logins_7d: 0,
  reopens_90d: 2, csat_last: 2, nps_last: 3, nps_category: "detractor", open_tickets: 3, oldest_open_ticket_days: 12,
  resolution_mean_hours: 80, first_response_mean_hours: 9.5, phone_share_90d: 0.4, days_to_renewal: 12,
  active_users_trend30: 0.25, active_users_prev30d: 4, events_trend30: 0, events_prev30d: 0, csat_mean: null,
};

describe("describeDriver", () => {
  it.each([
    ["logins_trend30", "logins down 62% vs the previous 30 days"],
    ["active_users_trend30", "active users up 25% vs the previous 30 days"],
    ["events_trend30", "no events in the previous 30 days"],
    ["logins_days_inactive", "no logins for 21 days"],
    ["logins_7d", "0 logins in the last 7 days"],
    ["reopens_90d", "2 reopened tickets in 90 days"],
    ["csat_last", "last CSAT 2/5"],
    ["csat_mean", "no CSAT answer yet"],
    ["nps_last", "last NPS 3 (detractor)"],
    ["open_tickets", "3 open tickets, oldest 12 days"],
    ["resolution_mean_hours", "tickets took 3.3 days to resolve on average"],
    ["first_response_mean_hours", "first responses took 9.5 h on average"],
    ["phone_share_90d", "40% of tickets by phone"],
    ["days_to_renewal", "renewal in 12 days"],
  ])("%s → %s", (feature, text) => {
    expect(describeDriver(feature, row)).toEqual({ feature, text });
  });
});
