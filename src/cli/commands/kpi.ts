import type { Command } from "commander";
// Help texts come from the light modules; the report code loads on use.
import { BREAKDOWNS } from "../../kpi/kpi-report.ts";
import { DEFAULT_WINDOW_DAYS } from "../../kpi/parse-kpi-options.ts";
import { PERIOD_FORMS } from "../../kpi/parse-period.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

const DEFINITIONS = `
Definitions (P = period, W = --window-days; rates in %, intervals Wilson 95%):
  CRR        customers retained W days after a support interaction / customers at risk. Cohort: at risk
             in any complete run with as_of in P (once each). Interaction: first ticket closed in P on or
             after their first flag. Pending (window not ended by now), churned and no-interaction
             customers are reported apart and never count as retained; "decided" = retained/(retained+churned).
  retention  (E − N) / S; churn = churned in P / S; revenue churn = MRR churned / MRR at start.
  CSAT       % of answers 4–5; NPS = % 9–10 − % 0–6; CES = mean (answers in P).
  tickets    created in P: first response and resolution (COALESCE(resolved_at, closed_at)) hours,
             median and mean; resolution rate = resolved by the end of P / created; volume by channel.
  CLV        ARPA (mean MRR at start) ÷ monthly churn rate; cost per retained = --spend ÷ CRR numerator.
  --by       month: every KPI per month · plan|segment: customer KPIs, CLV, CSAT/NPS/CES, CRR ·
             channel|agent: ticket KPIs, CRR by the interaction ticket.
  analyses   retention by resolution time and channel, at-risk customers with the most open tickets,
             agents by share of served customers who stayed (pending windows excluded from n).
Full definitions: README.md, "KPI definitions".`;

const CLI_NAMES = { period: "--period", by: "--by", windowDays: "--window-days", spend: "--spend", now: "--now" };

interface KpiFlags {
  period?: string;
  by?: string;
  windowDays?: string;
  spend?: string;
  now?: string;
  json?: boolean;
}

/** `retain kpi [--period P] [--by DIM] [--window-days N] [--spend AMOUNT] [--now DATE] [--json]`. */
export function registerKpiCommand(program: Command): void {
  program
    .command("kpi")
    .description(
      "retention KPIs for a period: CRR by support interaction, retention and churn, CSAT/NPS/CES, ticket times, CLV, analyses",
    )
    .option("--period <period>", `${PERIOD_FORMS}; default the last full month`)
    .option("--by <dimension>", `a breakdown: ${BREAKDOWNS.join("|")}`)
    .option(
      "--window-days <days>",
      `days a customer must stay after an interaction to count as retained (default ${DEFAULT_WINDOW_DAYS})`,
    )
    .option("--spend <amount>", "retention spend in the period, for the cost per retained customer")
    .option("--now <date>", "the reference day YYYY-MM-DD (windows ending after it are pending); default now")
    .option("--json", "print the report as one JSON object on the last line of stdout")
    .addHelpText("after", DEFINITIONS)
    .action((flags: KpiFlags) =>
      runCommand(async () => {
        const { buildKpiReport, formatKpiReport, parseKpiOptions } = await import("../../kpi/index.ts");
        const { json, ...input } = flags;
        const options = parseKpiOptions(input, { names: CLI_NAMES });
        const { report, currency } = await withDatabase(async (db, config) => ({
          report: await buildKpiReport(db, options),
          currency: config.currency,
        }));
        if (json) printJson(report);
        else process.stdout.write(`${formatKpiReport(report, currency)}\n`);
      }),
    );
}
