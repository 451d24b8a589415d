import { describe, expect, it } from "vitest";
import type { AgentPool, DemoAgent } from "./create-agents.ts";
import type { CustomerProfile } from "./create-customer-profile.ts";
import { createTicket } from "./create-ticket.ts";
import { PLANS, SEGMENTS } from "./demo-catalog.ts";
import { DAY_MS, parseEpochDay } from "./epoch-day.ts";
import { Random } from "./random.ts";

const DAY = parseEpochDay("2024-03-05")!;
const CUSTOMER: CustomerProfile = {
  id: "C000001",
  name: "Test Co",
  email: "a.b@test-co.example",
  segment: SEGMENTS[0],
  plan: PLANS.proMonthly,
  seats: 5,
  mrr: "175.00",
  signupDay: DAY - 400,
  timezone: "America/New_York",
  utcOffsetHours: -5,
  ownerEmail: "",
  baseHealth: 0,
  attitude: 0,
  adoption: 0.8,
  weekendActivity: 0.2,
  eventsPerLogin: 15,
  ticketRate: 0.01,
};

/** A pool where every team is the one agent, so skill is the only difference. */
function poolOf(skill: number): AgentPool {
  const agent: DemoAgent = {
    id: "A0001",
    name: "Ava Chen",
    email: "ava.chen@support.example",
    team: "Frontline",
    skill,
  };
  return { all: [agent], byTeam: [[agent], [agent], [agent], [agent]] };
}

function simulate(skill: number, n: number, endMs = (DAY + 400) * DAY_MS) {
  const rng = new Random(1);
  return Array.from({ length: n }, (_, k) =>
    createTicket({
      ticketId: `T${k}`,
      customer: CUSTOMER,
      day: DAY,
      mood: 0,
      outage: false,
      endMs,
      agents: poolOf(skill),
      rng,
    }),
  );
}
const fields = (line: string) => line.trimEnd().split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("createTicket", () => {
  it("writes an ordered lifecycle within the customer's business hours", () => {
    for (const ticket of simulate(0, 200)) {
      const [, customerId, created, , , , , agentId, response, resolved, closed, status] = fields(ticket.line);
      expect([customerId, agentId, status]).toEqual(["C000001", "A0001", "closed"]);
      const times = [created, response, resolved, closed].map(Date.parse);
      expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
      const localHour = (new Date(times[0]).getUTCHours() + 24 - 5) % 24;
      expect(localHour >= 7 && localHour < 21).toBe(true);
    }
  });

  it("leaves tickets open, pending or solved at the end of the window", () => {
    const endMs = (DAY + 3) * DAY_MS; // three days after they are opened
    const statuses = new Set(simulate(0, 300, endMs).map((t) => fields(t.line)[11]));
    expect(statuses).toEqual(new Set(["open", "pending", "solved", "closed"]));
    for (const t of simulate(0, 300, endMs)) {
      const [, , , , , , , , response, resolved, closed, status] = fields(t.line);
      if (status !== "closed") expect(closed).toBe("");
      if (status === "open" || status === "pending") expect(resolved).toBe("");
      if (response !== "") expect(Date.parse(response)).toBeLessThan(endMs);
    }
  });

  it("lets skilled agents answer and resolve faster, reopen less and earn better CSAT", () => {
    const stats = (skill: number) => {
      const tickets = simulate(skill, 3000);
      const hours = (from: number, to: number) =>
        tickets.map((t) => {
          const f = fields(t.line);
          return (Date.parse(f[to]) - Date.parse(f[from])) / 3_600_000;
        });
      return {
        response: mean(hours(2, 8)),
        resolution: mean(hours(2, 9)),
        reopened: mean(tickets.map((t) => (Number(fields(t.line)[12]) > 0 ? 1 : 0))),
        csat: mean(tickets.flatMap((t) => (t.survey?.kind === "csat" ? [t.survey.score] : []))),
        experience: mean(tickets.map((t) => t.experience)),
      };
    };
    const weak = stats(-1.5);
    const strong = stats(1.5);
    expect(strong.response).toBeLessThan(weak.response * 0.5);
    expect(strong.resolution).toBeLessThan(weak.resolution * 0.5);
    expect(strong.reopened).toBeLessThan(weak.reopened * 0.5);
    expect(strong.csat - weak.csat).toBeGreaterThan(0.5);
    expect(strong.experience).toBeGreaterThan(weak.experience);
  });
});
