import { CONTEXT_WORDS, genericContext, type ContextWords } from "./context-words.ts";
import type { DriverRow } from "./driver-words.ts";
import { featureCatalogue, FeatureRole, metricFeatures } from "./feature-columns.ts";
import { REASON_WORDS, type ReasonOptions } from "./reason-words.ts";
import { describeUsageReason } from "./usage-reason.ts";

/** One driver or context fact for one customer, in words. */
export interface DriverText {
  /** The catalogue group ("usage:logins", "csat"), or the context feature ("csat_responses"). */
  group: string;
  text: string;
  /** Summed logit contribution of the group's features (> 0 raises this customer's risk). */
  contribution: number;
}

/** The group shown first whenever the customer has asked to cancel, whatever the model says. */
const CANCEL_GROUP = "cancel_request";

/** How the catalogue for one metric list sums into drivers; built once per metric list. */
interface DriverLayout {
  /** Feature name → the reason group or context key its contribution adds to. */
  keyOf: Map<string, { key: string; reason: boolean }>;
  /** Reason groups, in catalogue order (the tie-break between equal contributions). */
  reasonGroups: string[];
  /** Context keys, in catalogue order, with their columns. */
  contextKeys: Map<string, string[]>;
  /** Usage group → its metric. */
  metricOf: Map<string, string>;
}

let cachedLayout: { metrics: string; layout: DriverLayout } | null = null;

function driverLayout(metrics: readonly string[]): DriverLayout {
  const id = metrics.join("\u0000");
  if (cachedLayout?.metrics === id) return cachedLayout.layout;
  const catalogue = featureCatalogue(metrics);
  const contextOnly = (group: string) => catalogue.every((f) => f.group !== group || f.role === FeatureRole.Context);
  const layout: DriverLayout = { keyOf: new Map(), reasonGroups: [], contextKeys: new Map(), metricOf: new Map() };
  for (const f of catalogue) {
    const reason = f.role === FeatureRole.Reason;
    // A context feature inside a reason group (csat_responses in csat) is its own context item.
    const key = reason || contextOnly(f.group) ? f.group : f.name;
    layout.keyOf.set(f.name, { key, reason });
    if (reason && !layout.reasonGroups.includes(key)) layout.reasonGroups.push(key);
    if (!reason) layout.contextKeys.set(key, [...(layout.contextKeys.get(key) ?? []), f.name]);
  }
  for (const m of metrics) layout.metricOf.set(metricFeatures(m)[0].group, m);
  cachedLayout = { metrics: id, layout };
  return layout;
}

function entriesOf(contributions: ReadonlyMap<string, number> | Record<string, number>): Iterable<[string, number]> {
  return typeof contributions.entries === "function" &&
    typeof (contributions as ReadonlyMap<string, number>).get === "function"
    ? (contributions as ReadonlyMap<string, number>).entries()
    : Object.entries(contributions);
}

/** Sums contributions per reason group and context key; a one-hot column `plan=Pro` counts as `plan`. */
function sumContributions(
  layout: DriverLayout,
  contributions: ReadonlyMap<string, number> | Record<string, number>,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [feature, value] of entriesOf(contributions)) {
    const target = layout.keyOf.get(feature) ?? layout.keyOf.get(feature.split("=")[0]);
    // Columns outside the catalogue cannot be said in words; non-finite values would poison the sum.
    if (!target || !Number.isFinite(value)) continue;
    sums.set(target.key, (sums.get(target.key) ?? 0) + value);
  }
  return sums;
}

function reasonWords(layout: DriverLayout, group: string, row: DriverRow, options: ReasonOptions): string | null {
  const metric = layout.metricOf.get(group);
  if (metric !== undefined) return describeUsageReason(metric, row);
  // A group without words cannot be checked against the customer's values, so it is not shown.
  return REASON_WORDS[group]?.(row, options) ?? null;
}

function pickReasons(
  layout: DriverLayout,
  sums: Map<string, number>,
  row: DriverRow,
  topK: number,
  options: ReasonOptions,
): DriverText[] {
  const reasons: DriverText[] = [];
  const add = (group: string, text: string | null) => {
    if (text !== null && reasons.length < topK) reasons.push({ group, text, contribution: sums.get(group) ?? 0 });
  };
  // A request to cancel is the strongest sign there is, whatever the model learnt from it.
  add(CANCEL_GROUP, reasonWords(layout, CANCEL_GROUP, row, options));
  const rising = layout.reasonGroups
    .filter((g) => g !== CANCEL_GROUP && (sums.get(g) ?? 0) > 0)
    .sort((a, b) => (sums.get(b) ?? 0) - (sums.get(a) ?? 0));
  for (const group of rising) {
    if (reasons.length >= topK) break;
    add(group, reasonWords(layout, group, row, options));
  }
  return reasons;
}

function describeContext(layout: DriverLayout, sums: Map<string, number>, row: DriverRow): DriverText[] {
  const context: DriverText[] = [];
  for (const [key, columns] of layout.contextKeys) {
    const say: ContextWords = CONTEXT_WORDS[key] ?? genericContext(columns);
    const text = say(row);
    if (text !== null) context.push({ group: key, text, contribution: sums.get(key) ?? 0 });
  }
  return context;
}

/** Options of `describeDrivers`. */
export interface DescribeDriversOptions {
  /** Exact additive logit contribution per feature column (TreeSHAP or coefficient × deviation). */
  contributions: ReadonlyMap<string, number> | Record<string, number>;
  /** The customer's feature row (catalogue column → value). */
  row: DriverRow;
  /** The usage metrics of the frame, as passed to `featureCatalogue`. */
  metrics: readonly string[];
  /** Most reasons returned. Default 3. */
  topK?: number;
  /** Label horizon in days; used for the renewal only when `renewal_in_horizon` is absent. Default 90. */
  horizonDays?: number;
}

/**
 * One customer's risk drivers in words a CSM can check. Contributions are summed per catalogue
 * group (every `logins_*` column is one "logins" driver). Reasons are the groups raising risk,
 * largest first, at most `topK`, each only when the customer's own values show the risk in its
 * words, with a comparison ("logins 6 in the last 30 days, down from 41 in the 30 before"); an
 * open cancel request always comes first. Context features (plan, segment, MRR, CSAT answer
 * count, NPS category) are never reasons; they come back as `context`, in catalogue order.
 */
export function describeDrivers(options: DescribeDriversOptions): { reasons: DriverText[]; context: DriverText[] } {
  const { contributions, row, metrics, topK = 3, horizonDays = 90 } = options;
  const layout = driverLayout(metrics);
  const sums = sumContributions(layout, contributions);
  return {
    reasons: pickReasons(layout, sums, row, Math.max(0, topK), { horizonDays }),
    context: describeContext(layout, sums, row),
  };
}
