import { createFactories } from "./factories.ts";
import type { TestDatabase } from "./test-database.ts";

export const at = (day: string, hours = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + hours * 3_600_000).toISOString();

/**
 * P = May 2026, the previous period April; now = 2026-06-20.
 * April: K1 (C1, email, response 2 h, resolved 05-03 = 192 h: after April), K2 (C2, email, 4 h, never
 * resolved), K3 (C4, chat, 1 h, resolved in 10 h). May: K4 (C3, email, 1 h, resolved 06-05 = 168 h:
 * after May), K5 (C1, chat, 3 h, never), K6 (C4, chat, 0.5 h, resolved in 2 h), K7 (C4, web, no
 * response, resolved in 6 h). Runs: 04-20 (C1 at risk, C2 not), 05-25 (C1 and C3 at risk).
 */
export async function seedSupportWorld(t: TestDatabase): Promise<void> {
  const f = createFactories(t.db);
  await f.customers({ customer_id: "C1" }, { customer_id: "C2" }, { customer_id: "C3" }, { customer_id: "C4" });
  const ticket = (
    id: string,
    customer: string,
    channel: string,
    created: string,
    frt: number | null,
    res?: string,
  ) => ({
    ticket_id: id,
    customer_id: customer,
    channel,
    created_at: at(created),
    ...(frt === null ? {} : { first_response_at: at(created, frt) }),
    ...(res ? { resolved_at: res } : {}),
  });
  await f.tickets(
    ticket("K1", "C1", "email", "2026-04-25", 2, at("2026-05-03")),
    ticket("K2", "C2", "email", "2026-04-28", 4),
    ticket("K3", "C4", "chat", "2026-04-10", 1, at("2026-04-10", 10)),
    ticket("K4", "C3", "email", "2026-05-29", 1, at("2026-06-05")),
    ticket("K5", "C1", "chat", "2026-05-30", 3),
    ticket("K6", "C4", "chat", "2026-05-10", 0.5, at("2026-05-10", 2)),
    ticket("K7", "C4", "web", "2026-05-12", null, at("2026-05-12", 6)),
  );
  await f.riskRun({ asOf: "2026-04-20", atRisk: ["C1"], notAtRisk: ["C2", "C3", "C4"] });
  await f.riskRun({ asOf: "2026-05-25", atRisk: ["C1", "C3"], notAtRisk: ["C2", "C4"] });
}
