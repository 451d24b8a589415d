import { AT_RISK_RULE_EXPECTED, parseAtRiskRuleText, type AtRiskRuleSpec } from "../config.ts";
import { AppError, ErrorCode } from "../errors.ts";

/**
 * Who is at risk: probability ≥ a threshold (default: the model's validated threshold),
 * the top N % by probability, or revenue at risk (probability × MRR) ≥ an amount.
 */
export type AtRiskRule = AtRiskRuleSpec;

/** Parses `threshold:0.3`, `top:10` (percent) or `revenue:500`; null → the model's threshold. */
export function parseAtRiskRule(text: string | undefined, modelThreshold: number): AtRiskRule {
  if (!text) return { kind: "threshold", value: modelThreshold };
  const rule = parseAtRiskRuleText(text);
  if (!rule) throw new AppError(ErrorCode.BadInput, `at-risk rule: ${AT_RISK_RULE_EXPECTED}, found "${text}"`);
  return rule;
}

/** Flags at-risk customers by the rule; ties at the top-N cut go to the higher index order. */
export function applyAtRiskRule(rule: AtRiskRule, scores: { probability: number; mrr: number }[]): boolean[] {
  switch (rule.kind) {
    case "threshold":
      return scores.map((s) => s.probability >= rule.value);
    case "revenue":
      return scores.map((s) => s.probability * s.mrr >= rule.value);
    case "top_percent": {
      const count = Math.round((scores.length * rule.value) / 100);
      const order = scores.map((_, i) => i).sort((a, b) => scores[b].probability - scores[a].probability || a - b);
      const flags = new Array<boolean>(scores.length).fill(false);
      for (const i of order.slice(0, count)) flags[i] = true;
      return flags;
    }
  }
}

export const RiskBand = { High: "high", Medium: "medium", Low: "low" } as const;
export type RiskBand = (typeof RiskBand)[keyof typeof RiskBand];

/** Bands by probability against the model's threshold t: high ≥ t, medium ≥ t/2, low below. */
export function riskBand(probability: number, threshold: number): RiskBand {
  return probability >= threshold ? RiskBand.High : probability >= threshold / 2 ? RiskBand.Medium : RiskBand.Low;
}

export const RiskChange = { New: "new", Up: "up", Down: "down", Same: "same" } as const;

/** What changed since the previous run: newly at risk, or probability up/down by ≥ 5 points. */
export function riskChange(
  now: { probability: number; atRisk: boolean },
  before: { probability: number; atRisk: boolean } | undefined,
): string {
  if (now.atRisk && !before?.atRisk) return RiskChange.New;
  if (!before) return RiskChange.Same;
  const delta = now.probability - before.probability;
  return delta >= 0.05 ? RiskChange.Up : delta <= -0.05 ? RiskChange.Down : RiskChange.Same;
}
