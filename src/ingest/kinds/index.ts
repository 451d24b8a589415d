import type { ImportRow } from "../../db/import-rows.ts";
import type { ImportKind } from "../contract.ts";
import { agentsSpec } from "./agents.ts";
import { customersSpec } from "./customers.ts";
import type { KindSpec } from "./kind-spec.ts";
import { surveysSpec } from "./surveys.ts";
import { ticketsSpec } from "./tickets.ts";
import { usageSpec } from "./usage.ts";

export { isRowProblems, type KindSpec, type Lookups, type RowProblem } from "./kind-spec.ts";

export const KIND_SPECS: Record<ImportKind, KindSpec<ImportRow>> = {
  customers: customersSpec,
  agents: agentsSpec,
  usage: usageSpec,
  tickets: ticketsSpec,
  surveys: surveysSpec,
};
