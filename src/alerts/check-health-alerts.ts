import { join } from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { createMailer, type Mailer } from "../mail/index.ts";
import { loadModelHealth, type ModelHealth } from "../monitoring/index.ts";
import type { HealthSignals } from "./alert-kinds.ts";
import { emailHealthAlerts } from "./email-health-alerts.ts";
import { raiseHealthAlerts } from "./raise-health-alerts.ts";

/** The alert check's reading of src/monitoring's model health. */
export function healthSignals(health: ModelHealth): HealthSignals {
  const promised = new Map(health.versions.map((v) => [v.version, v.promised.testAuc]));
  return {
    runs: health.runs.map((r) => ({
      runId: r.runId,
      asOf: r.asOf,
      modelVersion: r.modelVersion,
      realisedAuc: r.outcome && Number.isFinite(r.outcome.overall.auc) ? r.outcome.overall.auc : null,
      driftFlagged: r.drift.available
        ? [...(r.drift.scoreFlagged ? ["the score"] : []), ...r.drift.flagged.map((f) => f.name)]
        : [],
    })),
    promisedTestAuc: (version) => promised.get(version) ?? null,
  };
}

/**
 * After a nightly run: raises alerts for realised AUC below the promise and for flagged drift,
 * then emails each new one to the admins once (SMTP_URL, else the outbox folder).
 */
export async function checkHealthAlerts(options: {
  db: Database;
  config: Pick<Config, "modelHealth" | "outreach" | "dataDir">;
  mailer?: Mailer;
}): Promise<{ raised: number; emailed: number }> {
  const { db, config } = options;
  const health = await loadModelHealth({ db, psiThreshold: config.modelHealth.driftPsi });
  const raised = await raiseHealthAlerts({
    db,
    signals: healthSignals(health),
    aucTolerance: config.modelHealth.alertAucTolerance,
  });
  const mailer =
    options.mailer ?? createMailer({ smtpUrl: config.outreach.smtpUrl, outboxDir: join(config.dataDir, "outbox") });
  try {
    const { emailed } = await emailHealthAlerts({
      db,
      mailer,
      mailFrom: config.outreach.mailFrom,
      publicUrl: config.outreach.publicUrl,
    });
    return { raised, emailed };
  } finally {
    if (!options.mailer) mailer.close();
  }
}
