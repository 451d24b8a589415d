import type { Database } from "../db/database.ts";
import { loadIdMap } from "../db/repositories/reference-ids.ts";
import type { ImportKind } from "./contract.ts";
import type { Lookups } from "./kinds/index.ts";

const NEEDS: Record<ImportKind, { customers: boolean; agents: boolean }> = {
  customers: { customers: false, agents: false },
  agents: { customers: false, agents: false },
  usage: { customers: true, agents: false },
  tickets: { customers: true, agents: true },
  surveys: { customers: true, agents: false },
};

/** Loads the references a kind needs (customers, agents) into memory, once per file or request. */
export async function loadLookups(db: Database, kind: ImportKind): Promise<Lookups> {
  const customers = NEEDS[kind].customers ? await loadIdMap(db, "customers") : new Map<string, number>();
  const agents = NEEDS[kind].agents ? await loadIdMap(db, "agents") : new Map<string, number>();
  return {
    customerId: (id) => customers.get(id),
    agentId: (id) => agents.get(id),
    ticket: () => undefined,
  };
}
