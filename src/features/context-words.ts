import { HISTORY_LOOKBACK_DAYS } from "./feature-columns.ts";
import { categoryAt, count, numberAt, plural, words, type DriverRow } from "./driver-words.ts";

/** The words for one context item (a fact shown beside the reasons, never as one); null when unknown. */
export type ContextWords = (row: DriverRow) => string | null;

const YEAR = HISTORY_LOOKBACK_DAYS === 365 ? "a year" : `${HISTORY_LOOKBACK_DAYS} days`;

const CYCLE_WORDS: Readonly<Record<string, string>> = {
  monthly: "pays monthly",
  annual: "pays annually",
  other: "no monthly or annual plan",
};

const plan: ContextWords = (row) => {
  const name = categoryAt(row, "plan");
  // The billing cycle is read from the plan's name, so it adds words only without one.
  if (name) return /\bplan$/i.test(name) ? `on the ${name}` : `on the ${name} plan`;
  const cycle = categoryAt(row, "billing_cycle");
  return cycle ? (CYCLE_WORDS[cycle] ?? `billed ${cycle}`) : null;
};

const segment: ContextWords = (row) => {
  const name = categoryAt(row, "segment");
  return name ? `${name} segment` : null;
};

const mrr: ContextWords = (row) => {
  const v = numberAt(row, "mrr");
  return v === null ? null : `MRR ${count(v)}`;
};

const csatResponses: ContextWords = (row) => {
  const n = numberAt(row, "csat_responses");
  if (n === null) return null;
  return Math.round(n) === 0 ? `no CSAT answers in ${YEAR}` : `${plural(n, "CSAT answer")} in ${YEAR}`;
};

const npsCategory: ContextWords = (row) => {
  const category = categoryAt(row, "nps_category");
  if (!category) return null;
  return category === "none" ? `no NPS answer in ${YEAR}` : `NPS ${category}`;
};

/** Context words by context key: a context-only group, or a context feature inside a reason group. */
export const CONTEXT_WORDS: Readonly<Record<string, ContextWords>> = {
  plan,
  segment,
  mrr,
  csat_responses: csatResponses,
  nps_category: npsCategory,
};

/** Words for a context column the table does not know yet: its name and value ("region EMEA"). */
export function genericContext(columns: readonly string[]): ContextWords {
  return (row) => {
    for (const c of columns) {
      const n = numberAt(row, c);
      const v = n === null ? categoryAt(row, c) : count(n);
      if (v !== null) return `${words(c)} ${v}`;
    }
    return null;
  };
}
