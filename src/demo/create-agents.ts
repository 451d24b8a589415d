import { DEMO_DOMAIN, TEAMS } from "./demo-catalog.ts";
import { Segment, TicketCategory } from "./demo-contract.ts";
import { FIRST_NAMES, LAST_NAMES, slugify } from "./demo-text.ts";
import type { Random } from "./random.ts";

/** A support agent. `skill` (about N(0, 1)) drives response and resolution times, reopens and CSAT. */
export interface DemoAgent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly team: string;
  readonly skill: number;
}

/** All agents, and the agents of each team in TEAMS order (every team has at least one). */
export interface AgentPool {
  readonly all: readonly DemoAgent[];
  readonly byTeam: readonly (readonly DemoAgent[])[];
}

const [FRONTLINE, TECHNICAL, BILLING, ENTERPRISE] = [0, 1, 2, 3];

/** Creates `count` agents (at least TEAMS.length) split over the teams by their share. */
export function createAgents(options: { count: number; rng: Random }): AgentPool {
  const { count, rng } = options;
  const sizes = TEAMS.map(([, share]) => Math.max(1, Math.round((count * share) / 100)));
  sizes[FRONTLINE] += count - sizes.reduce((sum, size) => sum + size, 0);
  // Shuffled name lists, paired so that up to 36 × 32 agents get distinct names.
  const firsts = shuffle([...FIRST_NAMES], rng);
  const lasts = shuffle([...LAST_NAMES], rng);
  const all: DemoAgent[] = [];
  const byTeam: DemoAgent[][] = TEAMS.map(() => []);
  TEAMS.forEach(([team, , skillOffset], t) => {
    for (let k = 0; k < sizes[t]; k++) {
      const i = all.length;
      const first = firsts[i % firsts.length];
      // (i mod 36, (i + i div 36) mod 32) is one-to-one for i < 36 × 32 since 37 and 32 are coprime.
      const last = lasts[(i + Math.floor(i / firsts.length)) % lasts.length];
      const agent: DemoAgent = {
        id: `A${String(i + 1).padStart(4, "0")}`,
        name: `${first} ${last}`,
        email: `${slugify(first)}.${slugify(last)}@support.${DEMO_DOMAIN}`,
        team,
        skill: rng.normal(skillOffset, 0.8),
      };
      all.push(agent);
      byTeam[t].push(agent);
    }
  });
  return { all, byTeam };
}

/** Routes a ticket: specialists take most of their kind of ticket, Frontline the rest. */
export function pickAgent(
  pool: AgentPool,
  options: { category: TicketCategory; segment: Segment; rng: Random },
): DemoAgent {
  const { category, segment, rng } = options;
  let team = FRONTLINE;
  if (segment === Segment.Enterprise && rng.chance(0.6)) team = ENTERPRISE;
  else if ((category === TicketCategory.Billing || category === TicketCategory.Account) && rng.chance(0.7)) {
    team = BILLING;
  } else if ((category === TicketCategory.Bug || category === TicketCategory.Outage) && rng.chance(0.6)) {
    team = TECHNICAL;
  }
  return rng.pick(pool.byTeam[team]);
}

function shuffle<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
