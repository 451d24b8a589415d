import type { SurveyCountRow } from "../db/repositories/kpi/index.ts";
import type { SatisfactionKpis } from "./kpi-report.ts";
import { percent } from "./retention-share.ts";

/** CSAT (% 4–5), NPS (% 9–10 − % 0–6) and mean CES from answer counts per kind. */
export function summarizeSatisfaction(rows: SurveyCountRow[]): SatisfactionKpis {
  const of = (kind: SurveyCountRow["kind"]) => {
    const r = rows.filter((x) => x.kind === kind);
    const sum = (k: "answers" | "top" | "low" | "score_sum") => r.reduce((s, x) => s + Number(x[k] ?? 0), 0);
    return { answers: sum("answers"), top: sum("top"), low: sum("low"), scoreSum: sum("score_sum") };
  };
  const [csat, nps, ces] = [of("csat"), of("nps"), of("ces")];
  return {
    csat: { responses: csat.answers, satisfied: csat.top, score: percent(csat.top, csat.answers) },
    nps: {
      responses: nps.answers,
      promoters: nps.top,
      detractors: nps.low,
      score: percent(nps.top - nps.low, nps.answers),
    },
    ces: { responses: ces.answers, mean: ces.answers > 0 ? ces.scoreSum / ces.answers : null },
  };
}
