import type { Command } from "commander";
import type { LogFilterInput } from "../../outreach/index.ts";
import { Cells, formatTable } from "../format-table.ts";
import { parseDateOption } from "../options.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

const outreachCore = () => import("../../outreach/index.ts"); // loaded on use: `--help` stays fast

const day = (name: string, value?: string) =>
  value ? new Date(`${parseDateOption(name, value)}T00:00:00Z`) : undefined;

/** `retain outreach run|report|preview|log|unmatched`: follow-up emails after at-risk customers' tickets close. */
export function registerOutreachCommands(program: Command): void {
  const outreach = program
    .command("outreach")
    .description("follow-up emails after an at-risk customer's ticket closes: run, report, preview, log, unmatched");

  outreach
    .command("run")
    .description(
      "process due work once: decide queued ticket closings, settle the holdout, send due emails, record ended outcomes",
    )
    .option(
      "--scan",
      "first queue every ticket closed within RETAIN_OUTREACH_MAX_AGE_HOURS (after an import that queued nothing, e.g. `retain demo`)",
    )
    .option("--json", "print the counts as JSON")
    .addHelpText(
      "after",
      "\nWithout SMTP_URL, emails are written as .eml files to data/outbox/. `retain serve` runs this continuously.",
    )
    .action((opts: { scan?: boolean; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { checkSendingSetup, createOutreach, formatRunCounts } = await outreachCore();
          const o = createOutreach({ db, config });
          try {
            checkSendingSetup(o.settings);
            const scanned = opts.scan ? await o.scan() : undefined;
            const counts = await o.runOnce();
            if (opts.json) printJson(scanned === undefined ? counts : { scanned, ...counts });
            else
              console.log(
                `${scanned === undefined ? "" : `queued ${scanned} recent closing(s)\n`}${formatRunCounts(counts)}`,
              );
          } finally {
            o.close();
          }
        }),
      ),
    );

  outreach
    .command("report")
    .description(
      "follow-ups scheduled, sent, suppressed by reason, held out; who stayed per group; retention treated vs holdout with a 95 % CI",
    )
    .option("--play <play>", "one play only")
    .option("--from <date>", "planned sends on or after this date, YYYY-MM-DD")
    .option("--to <date>", "planned sends before this date, YYYY-MM-DD")
    .option("--json", "print the report as JSON")
    .action((opts: { play?: string; from?: string; to?: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { buildOutreachReport, formatOutreachReport } = await outreachCore();
          const report = await buildOutreachReport(db, {
            play: opts.play,
            from: day("--from", opts.from),
            to: day("--to", opts.to),
          });
          if (opts.json) printJson(report);
          else console.log(formatOutreachReport(report));
        }),
      ),
    );

  outreach
    .command("preview")
    .description("render a play's email for a real customer and ticket (nothing is sent)")
    .option(
      "--customer <id>",
      "customer_id (default: the customer of --ticket, or of the latest closed ticket of an at-risk customer)",
    )
    .option("--ticket <id>", "ticket_id (default: the customer's latest closed ticket)")
    .option("--play <play>", "play name (default: the first play)")
    .option("--html", "print the HTML part instead of the text part")
    .option("--json", "print the whole message as JSON")
    .action((opts: { customer?: string; ticket?: string; play?: string; html?: boolean; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { createOutreach } = await outreachCore();
          const preview = await createOutreach({ db, config }).preview({
            customer: opts.customer,
            ticket: opts.ticket,
            play: opts.play,
          });
          if (opts.json) return printJson(preview);
          const m = preview.mail;
          const who = (a?: { name?: string; address: string }) =>
            a ? (a.name ? `${a.name} <${a.address}>` : a.address) : "";
          console.log(
            `play: ${preview.play} (${preview.template})${preview.realData ? "" : "  [no matching ticket: example data]"}`,
          );
          console.log(`From: ${who(m.from)}\nReply-To: ${who(m.replyTo)}\nTo: ${who(m.to)}\nSubject: ${m.subject}`);
          for (const [name, value] of Object.entries(m.headers)) console.log(`${name}: ${value}`);
          console.log(`\n${opts.html ? m.html : m.text}`);
        }),
      ),
    );

  outreach
    .command("log")
    .description(
      "the decision log, newest first: every scheduling, suppression, hold-out, send, deferral, failure and cancellation, with why",
    )
    .option("--status <status>", "scheduled|suppressed|held_out|sent|deferred|failed|cancelled")
    .option("--reason <reason>", "e.g. frequency_cap, unsubscribed, ticket_reopened")
    .option("--play <play>")
    .option("--customer <id>", "customer_id")
    .option("--ticket <id>", "ticket_id")
    .option("--from <date>", "entries at or after this day (YYYY-MM-DD, 00:00 UTC) or ISO timestamp")
    .option("--to <date>", "entries before this day or ISO timestamp")
    .option("--limit <n>", "entries (1–500)", "50")
    .option("--before <id>", "entries older than this entry id (the next page)")
    .option("--json", "print as JSON")
    .action((opts: LogFilterInput & { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { listOutreachLog } = await outreachCore();
          const { json, ...filters } = opts;
          const page = await listOutreachLog(db, filters, { timeZone: config.timezone });
          if (json) return printJson(page);
          console.log(
            formatTable(page.items, [
              { header: "id", value: (e) => e.id, format: Cells.id },
              { header: "at", value: (e) => e.at, format: Cells.dateTime },
              { header: "customer", value: (e) => e.customerId },
              { header: "ticket", value: (e) => e.ticketId },
              { header: "play", value: (e) => e.play },
              { header: "arm", value: (e) => e.arm },
              { header: "status", value: (e) => e.status },
              { header: "what happened", value: (e) => e.words.slice(0, 90) },
              { header: "planned (UTC)", value: (e) => e.plannedAt, format: Cells.dateTime },
              { header: "sent (UTC)", value: (e) => e.sentAt, format: Cells.dateTime },
              { header: "score", value: (e) => e.score, format: Cells.fixed(2) },
            ]),
          );
          if (page.next) console.log(`more: --before ${page.next}`);
        }),
      ),
    );

  outreach
    .command("unmatched")
    .description(
      "tickets of the unmatched queue (no customer, or several, by id, email or domain); --retry resolves them again. " +
        "Link or dismiss them on the dashboard's Unmatched page or POST /api/v1/unmatched/ID/link|dismiss",
    )
    .option("--all", "include the ones already linked or dismissed")
    .option("--retry", "resolve them again (after importing the missing customers) and process those that match")
    .option("--json", "print as JSON")
    .action((opts: { all?: boolean; retry?: boolean; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { createOutreach, listUnmatchedTickets, retryUnmatched } = await outreachCore();
          const retried = opts.retry
            ? await retryUnmatched({ db, settings: createOutreach({ db, config }).settings })
            : null;
          const items = await listUnmatchedTickets(db, { all: opts.all });
          if (opts.json) return printJson({ ...(retried ? { retried } : {}), items });
          if (retried) console.log(`retried ${retried.tried}: ${retried.resolved} matched now`);
          if (!items.length) return console.log("no unmatched tickets");
          console.log(`${items.length} unmatched: link or dismiss them on the dashboard's Unmatched page (/unmatched)`);
          console.log(
            formatTable(items, [
              { header: "id", value: (u) => u.id, format: Cells.id },
              { header: "received", value: (u) => u.receivedAt, format: Cells.dateTime },
              { header: "ticket", value: (u) => u.ticketExternalId },
              { header: "customer", value: (u) => u.customerRef },
              { header: "email", value: (u) => u.requesterEmail },
              { header: "reason", value: (u) => u.reason },
              { header: "resolved", value: (u) => u.resolvedAt, format: Cells.dateTime },
            ]),
          );
        }),
      ),
    );
}
