import type { AgentPool } from "./create-agents.ts";
import type { CustomerProfile } from "./create-customer-profile.ts";
import type { WorldCalendar } from "./create-world-calendar.ts";
import { churnHazard, CHURN_MODEL, planExit, suddenChurnDay } from "./churn-hazard.ts";
import { createTicket } from "./create-ticket.ts";
import type { CsvWriter } from "./csv-writer.ts";
import { SurveyKind, TicketCategory } from "./demo-contract.ts";
import { CANCEL_SUBJECTS } from "./demo-text.ts";
import { DAY_MS, nextRenewalDay } from "./epoch-day.ts";
import { pickComment, type PendingSurvey } from "./pending-survey.ts";
import type { Random } from "./random.ts";
import type { UsageEncoder } from "./usage-encoder.ts";

/** Shared state of one generation run: calendar, agents, the usage and ticket files, ticket numbering. */
export interface DemoWorld {
  readonly calendar: WorldCalendar;
  readonly agents: AgentPool;
  readonly usage: UsageEncoder;
  readonly tickets: CsvWriter;
  ticketCount: number;
}

/** What a customer's simulation leaves for customers.csv and surveys.csv. */
export interface CustomerHistory {
  /** Epoch day of churn within the window, or undefined if still a customer at the end. */
  readonly churnDay: number | undefined;
  /** Survey responses before the churn date, in time order. */
  readonly surveys: PendingSurvey[];
}

const RING = 128; // days ahead a ticket's outcome can be scheduled to touch health

/** The moving parts of one customer while it is simulated. */
interface CustomerState {
  /** Latent health: drives usage, ticket volume, NPS and the churn hazard. */
  h: number;
  /** Health as the churn model and surveys see it: plus attitude, minus recent frustration. */
  effective: number;
  /** Usage multiplier: 1 normally, falling towards churn during a wind-down. */
  wind: number;
  /** Health changes from ticket outcomes, by day modulo RING. */
  readonly settled: Float64Array;
  cancelTicketDay: number;
  readonly surveys: PendingSurvey[];
}

/**
 * Lives one customer day by day from signup (or the window start) to churn (or the window end):
 * latent health drifts (mean reversion, noise, decline and expansion episodes, support outcomes),
 * usage follows health, tickets arrive at a rate set by size and health, NPS waves every quarter,
 * and the churn model decides exits. Writes usage and ticket lines as it goes.
 */
export function simulateCustomer(options: {
  world: DemoWorld;
  customer: CustomerProfile;
  rng: Random;
}): CustomerHistory {
  const { world, customer: c, rng } = options;
  const cal = world.calendar;
  world.usage.setCustomer(c.id);
  const first = Math.max(c.signupDay, cal.startDay);
  const s: CustomerState = {
    h: c.signupDay < cal.startDay ? c.baseHealth + rng.normal(0, 0.3) : c.baseHealth - 0.15 + rng.normal(0, 0.2),
    effective: 0,
    wind: 1,
    settled: new Float64Array(RING),
    cancelTicketDay: -1,
    surveys: [],
  };
  let drift = 0;
  let driftLeft = 0;
  let frustration = 0;
  let nextRenewal = nextRenewalDay({ signupDay: c.signupDay, fromDay: first, everyMonths: c.plan.billingMonths });
  let nextNps = Math.max(first, c.signupDay + 30) + rng.int(0, 90);
  let churnDay = Infinity;
  let exitStart = -1;
  let exitDepth = 0;
  let saveDay = Infinity;

  for (let day = first; day <= cal.endDay && day < churnDay; day++) {
    if (day >= nextRenewal)
      nextRenewal = nextRenewalDay({ signupDay: c.signupDay, fromDay: day + 1, everyMonths: c.plan.billingMonths });

    // Latent health: mean reversion + noise + episodes + support outcomes settling today.
    const felt = s.settled[day % RING];
    s.settled[day % RING] = 0;
    if (felt < 0) frustration -= felt * 6;
    frustration *= 0.985;
    s.h += (c.baseHealth - s.h) / 90 + 0.045 * rng.normal() + drift + felt;
    if (driftLeft > 0) {
      if (--driftLeft === 0) drift = 0;
    } else if (rng.chance(1 / 300)) {
      driftLeft = rng.int(30, 90);
      drift = rng.chance(0.7) ? -rng.uniform(0.01, 0.03) : rng.uniform(0.004, 0.012);
    }
    s.effective = s.h + 0.6 * c.attitude - 0.5 * frustration;

    // Churn: intent (then wind-down), sudden exit, or a save that lets usage recover.
    if (exitStart < 0 && churnDay === Infinity) {
      const hazard = churnHazard({
        customer: c,
        effectiveHealth: s.effective,
        ageDays: day - c.signupDay,
        daysToRenewal: nextRenewal - day,
      });
      const roll = rng.next();
      if (roll < hazard) {
        const plan = planExit({ customer: c, day, nextRenewal, rng });
        exitStart = day;
        exitDepth = plan.depth;
        churnDay = plan.churnDay;
        saveDay = plan.saveDay;
        if (rng.chance(0.3)) s.cancelTicketDay = day + rng.int(3, 20);
      } else if (roll < hazard + CHURN_MODEL.suddenHazard) {
        churnDay = suddenChurnDay({ customer: c, day, rng });
      }
    }
    if (exitStart >= 0) {
      if (day < saveDay) {
        const span = (churnDay === Infinity ? saveDay : churnDay) - exitStart;
        s.wind = 1 - exitDepth * Math.min(1, (day - exitStart) / Math.max(span, 1)) ** 1.2;
      } else {
        s.wind += 1 / 30;
        if (s.wind >= 1) {
          s.wind = 1;
          exitStart = -1;
          saveDay = Infinity;
        }
      }
    }

    emitUsage(world, c, s, day, rng);
    openTickets(world, c, s, day, rng);
    if (day === nextNps) {
      nextNps += rng.int(80, 100);
      surveyNps(c, s, day, rng);
    }
  }

  const churned = churnDay <= cal.endDay;
  const kept = churned ? s.surveys.filter((survey) => survey.ms < churnDay * DAY_MS) : s.surveys;
  return { churnDay: churned ? churnDay : undefined, surveys: kept.sort((a, b) => a.ms - b.ms) };
}

/** Draws one day of usage (zero rows are omitted). Positional parameters: called millions of times. */
function emitUsage(world: DemoWorld, c: CustomerProfile, s: CustomerState, day: number, rng: Random): void {
  const cal = world.calendar;
  const i = day - cal.startDay;
  const ramp = Math.min(1, 0.3 + (0.7 * (day - c.signupDay)) / 45); // onboarding
  const engagement = 1 / (1 + Math.exp(-(1.6 * s.h + 0.5)));
  const level = cal.activity[i] * (cal.weekend[i] ? c.weekendActivity : 1) * s.wind * ramp;
  const mean = c.seats * c.adoption * engagement * level;
  // Poisson-like noise for small teams plus day-to-day swings for large ones.
  const active = Math.min(c.seats, Math.round(mean + Math.sqrt(0.81 * mean + 0.0036 * mean * mean) * rng.normal()));
  if (active <= 0) return;
  const logins = Math.max(active, Math.round(active * (1.2 + 0.9 * engagement) * Math.exp(0.15 * rng.normal())));
  const events = Math.round(logins * c.eventsPerLogin * Math.exp(0.3 * rng.normal() + 0.4 * s.h));
  world.usage.day(i, logins, active, events);
}

/** Opens today's tickets: bigger and unhealthier customers open more, leaving ones fewer (bar the cancel request). */
function openTickets(world: DemoWorld, c: CustomerProfile, s: CustomerState, day: number, rng: Random): void {
  const cal = world.calendar;
  const i = day - cal.startDay;
  const outage = cal.outage[i];
  const rate =
    c.ticketRate * (1 + 0.8 * Math.max(0, -s.h)) * (cal.weekend[i] ? 0.35 : 1) * (0.4 + 0.6 * s.wind) * outage;
  const cancel = day === s.cancelTicketDay;
  const count = rng.poisson(rate) + (cancel ? 1 : 0);
  // One bad ticket matters less to an account that opens dozens.
  const supportWeight = Math.min(1, 1 / Math.sqrt(c.ticketRate * 30));
  for (let k = 0; k < count; k++) {
    const ticketId = `T${String(++world.ticketCount).padStart(7, "0")}`;
    const ticket = createTicket({
      ticketId,
      customer: c,
      day,
      mood: s.effective - 2 * (1 - s.wind),
      outage: outage > 1,
      endMs: cal.endMs,
      agents: world.agents,
      rng,
      ...(cancel && k === 0 ? { category: TicketCategory.Account, subject: rng.pick(CANCEL_SUBJECTS) } : {}),
    });
    world.tickets.line(ticket.line);
    if (ticket.survey) s.surveys.push(ticket.survey);
    // Bad outcomes hurt twice as much as good ones help, from the day the customer feels them.
    const effect = 0.09 * ticket.experience * supportWeight * (ticket.experience < 0 ? 1 : 0.5);
    s.settled[Math.max(day + 1, Math.min(ticket.settleDay, day + RING - 1)) % RING] += effect;
  }
}

/** A relationship NPS wave: larger accounts have several respondents, about a third answer. */
function surveyNps(c: CustomerProfile, s: CustomerState, day: number, rng: Random): void {
  const invited = c.seats < 25 ? 1 : c.seats < 200 ? 2 : 4;
  for (let k = 0; k < invited; k++) {
    if (!rng.chance(0.35)) continue;
    const score = Math.min(
      10,
      Math.max(0, Math.round(7.6 + 2 * (s.h + c.attitude) - 3 * (1 - s.wind) + rng.normal(0, 1.4))),
    );
    const ms = day * DAY_MS + rng.int(0, DAY_MS - 1);
    s.surveys.push({ kind: SurveyKind.Nps, score, ms, ticketId: "", comment: pickComment(rng, SurveyKind.Nps, score) });
  }
}
