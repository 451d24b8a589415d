import { pickAgent, type AgentPool } from "./create-agents.ts";
import type { CustomerProfile } from "./create-customer-profile.ts";
import { CATEGORIES, CHANNELS, PRIORITIES } from "./demo-catalog.ts";
import { Segment, SurveyKind, TicketCategory, TicketChannel, TicketStatus } from "./demo-contract.ts";
import { SUBJECTS } from "./demo-text.ts";
import { csvField } from "./csv-writer.ts";
import { DAY_MS, formatTimestamp } from "./epoch-day.ts";
import { pickComment, type PendingSurvey } from "./pending-survey.ts";
import type { Random } from "./random.ts";

const HOUR_MS = 3_600_000;
const CATEGORY_WEIGHTS = CATEGORIES.map(([, weight]) => weight);
const CHANNEL_WEIGHTS = CHANNELS.map(([, weight]) => weight);
const PRIORITY_WEIGHTS = PRIORITIES.map(([, weight]) => weight);
const PHONE = CHANNELS.findIndex(([channel]) => channel === TicketChannel.Phone);

/** One simulated ticket: its CSV line, how it felt to the customer and its survey, if any. */
export interface TicketResult {
  readonly line: string;
  /** Quality of the experience: about -3 (slow, reopened) … 1 (fast, clean). */
  readonly experience: number;
  /** Epoch day the customer felt the outcome (resolution, or the end of the window). */
  readonly settleDay: number;
  readonly survey: PendingSurvey | undefined;
}

/**
 * Simulates one ticket opened on `day` during the customer's business hours: routing to an
 * agent, first response, resolution, reopens and auto-close, status as of `endMs`, and a
 * CSAT or CES response after some solved tickets. Agent skill drives every duration.
 */
export function createTicket(options: {
  ticketId: string;
  customer: CustomerProfile;
  day: number;
  /** The customer's mood: effective health, lower while winding down; colours CSAT. */
  mood: number;
  outage: boolean;
  endMs: number;
  agents: AgentPool;
  rng: Random;
  category?: TicketCategory;
  subject?: string;
}): TicketResult {
  const { ticketId, customer, day, mood, outage, endMs, agents, rng } = options;
  const category =
    options.category ??
    (outage && rng.chance(0.6) ? TicketCategory.Outage : CATEGORIES[rng.weighted(CATEGORY_WEIGHTS)][0]);
  const [, , resolveHours] = CATEGORIES.find(([name]) => name === category)!;
  const enterprise = customer.segment.segment === Segment.Enterprise;
  const [channel, , responseMinutes] = CHANNELS[enterprise && rng.chance(0.15) ? PHONE : rng.weighted(CHANNEL_WEIGHTS)];
  const p = category === TicketCategory.Outage ? rng.weighted([5, 25, 40, 30]) : rng.weighted(PRIORITY_WEIGHTS);
  const [priority, , speed] = PRIORITIES[Math.min(3, p + (enterprise && rng.chance(0.2) ? 1 : 0))];
  const agent = pickAgent(agents, { category, segment: customer.segment.segment, rng });
  const subject = options.subject ?? rng.pick(SUBJECTS[category]);

  const drawn = rng.normal(13, 2.8);
  const localHour = drawn >= 7 && drawn < 21 ? drawn : rng.uniform(8, 18);
  const utcHour = (((localHour - customer.utcOffsetHours) % 24) + 24) % 24;
  const created = day * DAY_MS + Math.floor(utcHour * HOUR_MS);
  const skillFactor = Math.exp(-0.35 * agent.skill);
  const expectedResponse = responseMinutes * speed;
  const responseMin = Math.max(0.5, expectedResponse * skillFactor * (outage ? 3 : 1) * rng.logNormal(1, 0.8));
  const firstResponse = created + responseMin * 60_000;
  const expectedResolve = resolveHours * Math.sqrt(speed);
  let resolved = Math.max(
    firstResponse + 600_000,
    created + expectedResolve * skillFactor * rng.logNormal(1, 0.9) * HOUR_MS,
  );
  const reopenChance = Math.min(0.5, 0.07 * Math.exp(-0.6 * agent.skill) * (category === TicketCategory.Bug ? 1.6 : 1));
  let reopens = 0;
  let reopensSeen = 0;
  while (reopens < 5 && rng.chance(reopenChance)) {
    const reopenedAt = resolved + rng.uniform(2, 72) * HOUR_MS;
    resolved = reopenedAt + expectedResolve * skillFactor * rng.uniform(0.3, 1) * HOUR_MS;
    reopens++;
    if (reopenedAt < endMs) reopensSeen++;
  }
  const closed = resolved + rng.logNormal(48, 0.4) * HOUR_MS;

  const totalHours = (resolved - created) / HOUR_MS;
  const experience = Math.max(
    -3,
    Math.min(
      1,
      -0.6 * Math.log(totalHours / expectedResolve) - 0.35 * Math.log(responseMin / expectedResponse) - 0.8 * reopens,
    ),
  );
  const status =
    firstResponse >= endMs
      ? TicketStatus.Open
      : resolved >= endMs
        ? rng.chance(0.45)
          ? TicketStatus.Open
          : TicketStatus.Pending
        : closed >= endMs
          ? TicketStatus.Solved
          : TicketStatus.Closed;
  const line = `${[
    ticketId,
    customer.id,
    formatTimestamp(created),
    csvField(subject),
    channel,
    priority,
    category,
    agent.id,
    firstResponse < endMs ? formatTimestamp(firstResponse) : "",
    resolved < endMs ? formatTimestamp(resolved) : "",
    closed < endMs ? formatTimestamp(closed) : "",
    status,
    String(status === TicketStatus.Closed || status === TicketStatus.Solved ? reopens : reopensSeen),
  ].join(",")}\n`;

  let survey: PendingSurvey | undefined;
  const solved = status === TicketStatus.Closed || status === TicketStatus.Solved;
  const roll = rng.next();
  if (solved && roll < 0.42) {
    // CSAT goes out on 30% of solved tickets, CES on another 12%; unanswered by the end = no row.
    const ms = resolved + rng.logNormal(4, 1) * HOUR_MS;
    const kind = roll < 0.3 ? SurveyKind.Csat : SurveyKind.Ces;
    const easyChannel = channel === TicketChannel.Chat || channel === TicketChannel.Phone ? 0.3 : 0;
    const score =
      kind === SurveyKind.Csat
        ? clampRound(4.6 + 0.55 * experience + 0.25 * agent.skill + 0.3 * mood + rng.normal(0, 0.9), 1, 5)
        : clampRound(5.4 + 0.6 * experience + easyChannel + 0.2 * mood + rng.normal(0, 0.9), 1, 7);
    if (ms < endMs) survey = { kind, score, ms, ticketId, comment: pickComment(rng, kind, score) };
  }
  const settleDay = Math.floor(Math.min(resolved, endMs) / DAY_MS);
  return { line, experience, settleDay, survey };
}

function clampRound(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
