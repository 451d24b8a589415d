import type { AgentRow } from "../../db/import-rows.ts";
import { CONTRACTS } from "../contract.ts";
import { parseEmail, parseText } from "../parse-field.ts";
import { RowChecker, type KindSpec } from "./kind-spec.ts";

export const agentsSpec: KindSpec<AgentRow> = {
  kind: "agents",
  contract: CONTRACTS.agents,
  validate(raw) {
    const c = new RowChecker();
    return c.result<AgentRow>({
      externalId: c.take("agent_id", parseText(raw.agent_id, true, 200))!,
      name: c.take("name", parseText(raw.name)),
      email: c.take("email", parseEmail(raw.email)),
      team: c.take("team", parseText(raw.team, false, 200)),
    });
  },
};
