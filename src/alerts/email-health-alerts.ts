import { randomUUID } from "node:crypto";
import type { Database } from "../db/index.ts";
import {
  claimModelAlertEmail,
  listUnsentModelAlerts,
  releaseModelAlertEmail,
} from "../db/repositories/model-alerts.ts";
import { listActiveUsers } from "../db/repositories/users.ts";
import { moduleLogger } from "../logger.ts";
import { type Mailer, parseMailbox } from "../mail/index.ts";

const log = moduleLogger("alerts");

/**
 * Emails every unsent alert to the active admins, once: each alert is claimed first (emailed_at),
 * so several instances or a second check send nothing more; a failed send gives the claim back.
 */
export async function emailHealthAlerts(options: {
  db: Database;
  mailer: Mailer;
  mailFrom: string;
  publicUrl: string;
}): Promise<{ emailed: number }> {
  const { db, mailer } = options;
  const alerts = await listUnsentModelAlerts(db);
  if (!alerts.length) return { emailed: 0 };
  const admins = await listActiveUsers(db, ["admin"]);
  if (!admins.length) return { emailed: 0 }; // kept unsent until there is an admin to tell
  const from = parseMailbox(options.mailFrom) ?? { name: "Retain", address: "retain@localhost" }; // config checked it
  const domain = from.address.split("@")[1] ?? "localhost";
  let emailed = 0;
  for (const alert of alerts) {
    if (!(await claimModelAlertEmail(db, alert.id))) continue;
    const link = `${options.publicUrl}/models`;
    try {
      for (const admin of admins)
        await mailer.send({
          from,
          to: { name: admin.name, address: admin.email },
          envelopeFrom: from.address,
          subject: `Retain model alert: ${alert.kind === "drift" ? "drift flagged" : "realised AUC below the promise"}`,
          text: `${alert.message}.\n\nAcknowledge it on the model page: ${link}\n`,
          html: `<p>${escapeHtml(alert.message)}.</p><p>Acknowledge it on the <a href="${escapeHtml(link)}">model page</a>.</p>`,
          messageId: `<retain.alert.${alert.id}.${randomUUID()}@${domain}>`,
          headers: {},
        });
      emailed++;
    } catch (error) {
      log.warn({ alert: alert.id, err: error }, "alert email failed; the next check retries it");
      await releaseModelAlertEmail(db, alert.id);
    }
  }
  return { emailed };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
