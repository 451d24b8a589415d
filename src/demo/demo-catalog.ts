import { Segment, TicketCategory, TicketChannel, TicketPriority } from "./demo-contract.ts";

/** A price plan. `billingMonths` is 1 for monthly and 12 for annual; `seatPrice` is per seat per month in USD. */
export interface PlanSpec {
  readonly name: string;
  readonly billingMonths: 1 | 12;
  readonly seatPrice: number;
}

export const PLANS = {
  starterMonthly: { name: "Starter Monthly", billingMonths: 1, seatPrice: 15 },
  starterAnnual: { name: "Starter Annual", billingMonths: 12, seatPrice: 12.5 },
  proMonthly: { name: "Pro Monthly", billingMonths: 1, seatPrice: 35 },
  proAnnual: { name: "Pro Annual", billingMonths: 12, seatPrice: 29 },
  businessAnnual: { name: "Business Annual", billingMonths: 12, seatPrice: 49 },
  enterpriseAnnual: { name: "Enterprise Annual", billingMonths: 12, seatPrice: 79 },
} as const satisfies Record<string, PlanSpec>;

/**
 * How each segment behaves. Tickets per day are for a median-sized customer; `churnFactor`
 * scales the churn hazard (small customers leave more); `weekendActivity` is the weekend share
 * of weekday usage; `ownedShare` is the chance a CSM owns the account.
 */
export interface SegmentSpec {
  readonly segment: Segment;
  readonly share: number;
  readonly seats: { readonly median: number; readonly sigma: number; readonly min: number; readonly max: number };
  readonly plans: readonly (readonly [PlanSpec, number])[];
  readonly ticketsPerDay: number;
  readonly churnFactor: number;
  readonly weekendActivity: number;
  readonly ownedShare: number;
  readonly healthMean: number;
}

export const SEGMENTS: readonly SegmentSpec[] = [
  {
    segment: Segment.Smb,
    share: 0.65,
    seats: { median: 6, sigma: 0.7, min: 1, max: 60 },
    plans: [
      [PLANS.starterMonthly, 42],
      [PLANS.proMonthly, 26],
      [PLANS.starterAnnual, 14],
      [PLANS.proAnnual, 18],
    ],
    ticketsPerDay: 0.012,
    churnFactor: 1.35,
    weekendActivity: 0.25,
    ownedShare: 0.45,
    healthMean: 0.2,
  },
  {
    segment: Segment.MidMarket,
    share: 0.27,
    seats: { median: 60, sigma: 0.5, min: 15, max: 600 },
    plans: [
      [PLANS.proMonthly, 15],
      [PLANS.proAnnual, 35],
      [PLANS.businessAnnual, 50],
    ],
    ticketsPerDay: 0.045,
    churnFactor: 1.0,
    weekendActivity: 0.15,
    ownedShare: 1,
    healthMean: 0.3,
  },
  {
    segment: Segment.Enterprise,
    share: 0.08,
    seats: { median: 500, sigma: 0.6, min: 150, max: 8000 },
    plans: [
      [PLANS.businessAnnual, 30],
      [PLANS.enterpriseAnnual, 70],
    ],
    ticketsPerDay: 0.14,
    churnFactor: 0.6,
    weekendActivity: 0.1,
    ownedShare: 1,
    healthMean: 0.4,
  },
];

/** IANA time zones with a fixed standard UTC offset in hours (DST ignored: only ticket hours use it). */
export const TIME_ZONES: readonly (readonly [name: string, offsetHours: number, weight: number])[] = [
  ["America/New_York", -5, 18],
  ["America/Chicago", -6, 10],
  ["America/Denver", -7, 4],
  ["America/Los_Angeles", -8, 14],
  ["America/Sao_Paulo", -3, 4],
  ["Europe/London", 0, 12],
  ["Europe/Berlin", 1, 10],
  ["Europe/Paris", 1, 6],
  ["Asia/Kolkata", 5.5, 5],
  ["Asia/Singapore", 8, 5],
  ["Asia/Tokyo", 9, 5],
  ["Australia/Sydney", 10, 7],
];

/** Ticket categories with base weights and the median hours to resolve one. */
export const CATEGORIES: readonly (readonly [TicketCategory, weight: number, resolveHours: number])[] = [
  [TicketCategory.HowTo, 32, 4],
  [TicketCategory.Bug, 24, 36],
  [TicketCategory.Billing, 16, 10],
  [TicketCategory.Account, 12, 6],
  [TicketCategory.FeatureRequest, 12, 60],
  [TicketCategory.Outage, 4, 5],
];

/** Channels with base weights and the median minutes to a first response. */
export const CHANNELS: readonly (readonly [TicketChannel, weight: number, responseMinutes: number])[] = [
  [TicketChannel.Email, 38, 150],
  [TicketChannel.Chat, 27, 4],
  [TicketChannel.Web, 15, 200],
  [TicketChannel.Phone, 10, 1.5],
  [TicketChannel.Social, 4, 90],
  [TicketChannel.Other, 6, 300],
];

/** Priorities with base weights and a multiplier on response and resolution times. */
export const PRIORITIES: readonly (readonly [TicketPriority, weight: number, speedFactor: number])[] = [
  [TicketPriority.Low, 20, 1.6],
  [TicketPriority.Normal, 55, 1],
  [TicketPriority.High, 18, 0.6],
  [TicketPriority.Urgent, 7, 0.3],
];

/** Support teams with their share of agents and a skill offset. */
export const TEAMS: readonly (readonly [name: string, share: number, skillOffset: number])[] = [
  ["Frontline", 50, -0.2],
  ["Technical", 25, 0.3],
  ["Billing & Accounts", 15, 0],
  ["Enterprise Support", 10, 0.5],
];

/** Domain of every generated address (RFC 2606 reserved: demo mail can never reach anyone). */
export const DEMO_DOMAIN = "example";
