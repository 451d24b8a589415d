import type { Command } from "commander";
import { ROLES } from "../../auth/roles.ts";
import { Cells, formatTable } from "../format-table.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

const auth = () => import("../../auth/index.ts"); // loaded on use: `--help` stays fast

type Link = { token: string; expiresAt: Date };

/** The link on RETAIN_PUBLIC_URL, for a person to read or (--json) a script. */
async function printLink(who: { email: string }, link: Link, publicUrl: string, json?: boolean, extra?: object) {
  const { passwordLinkPath } = await auth();
  const url = `${publicUrl}${passwordLinkPath(link.token)}`;
  if (json) return printJson({ ...extra, passwordLink: { url, expiresAt: link.expiresAt } });
  const until = Cells.dateTime.show(link.expiresAt);
  console.log(`Send ${who.email} this link to set their password (it works once, until ${until} UTC):\n${url}`);
}

/** `retain users add|list|link|role|revoke|restore`: the people who sign in to the dashboard. */
export function registerUserCommands(program: Command): void {
  const users = program
    .command("users")
    .description("people who sign in to the dashboard with email and password (owners of accounts)");
  users
    .command("add")
    .description("add a user; prints a one-time link (24 hours) with which they set their password")
    .requiredOption("--email <email>", "their email (matched to customers' owner_email)")
    .requiredOption("--name <name>", "their name, as pages show it")
    .requiredOption("--role <role>", `what they may do: ${ROLES.join("|")}`)
    .option("--json", "print the user and the link as JSON")
    .action((opts: { email: string; name: string; role: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { addUser } = await auth();
          const { user, link } = await addUser(db, opts);
          if (!opts.json) console.log(`added ${user.name} <${user.email}> (${user.role})`);
          await printLink(user, link, config.outreach.publicUrl, opts.json, { user });
        }),
      ),
    );
  users
    .command("add-owners")
    .description("add a user for every owner_email in the data that is nobody's user yet, each with their link")
    .option("--role <role>", `their role: ${ROLES.join("|")}`, "csm")
    .option("--json", "print the users and links as JSON")
    .action((opts: { role: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { addOwnersAsUsers, passwordLinkPath } = await auth();
          const added = await addOwnersAsUsers(db, { role: opts.role });
          const rows = added.map((a) => ({
            ...a,
            url: `${config.outreach.publicUrl}${passwordLinkPath(a.link.token)}`,
          }));
          if (opts.json)
            return printJson(
              rows.map((r) => ({
                user: r.user,
                accounts: r.accounts,
                passwordLink: { url: r.url, expiresAt: r.link.expiresAt },
              })),
            );
          if (!rows.length) return console.log("every owner_email in the data is already a user");
          console.log(
            `added ${rows.length} ${rows.length === 1 ? "user" : "users"}; send each their link (it works once, for 24 hours):`,
          );
          console.log(
            formatTable(rows, [
              { header: "email", value: (r) => r.user.email },
              { header: "name", value: (r) => r.user.name },
              { header: "accounts", value: (r) => r.accounts, format: Cells.count },
              { header: "link", value: (r) => r.url },
            ]),
          );
        }),
      ),
    );
  users
    .command("list")
    .description("list users (never their passwords)")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { listUsers } = await auth();
          const all = await listUsers(db);
          if (opts.json) return printJson(all);
          console.log(
            formatTable(all, [
              { header: "email", value: (u) => u.email },
              { header: "name", value: (u) => u.name },
              { header: "role", value: (u) => u.role },
              { header: "password", value: (u) => (u.passwordSetAt ? "set" : "not yet") },
              { header: "last sign-in", value: (u) => u.lastSignInAt, format: Cells.dateTime },
              { header: "revoked", value: (u) => u.disabledAt, format: Cells.dateTime },
            ]),
          );
        }),
      ),
    );
  users
    .command("link")
    .description("a new one-time link to set the password (forgotten password); earlier links stop working")
    .argument("<email>", "the user's email")
    .option("--json", "print the link as JSON")
    .action((email: string, opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { newPasswordLink, requireUser } = await auth();
          const { user, link } = await newPasswordLink(db, (await requireUser(db, email)).id);
          await printLink(user, link, config.outreach.publicUrl, opts.json);
        }),
      ),
    );
  users
    .command("role")
    .description("change a user's role; it applies to their open sessions at once")
    .argument("<email>", "the user's email")
    .argument("<role>", ROLES.join("|"))
    .action((email: string, role: string) => changeBy(email, { role }, (u) => `${u.email} is now ${u.role}`));
  users
    .command("revoke")
    .description("revoke a user: they cannot sign in and their sessions end at once")
    .argument("<email>", "the user's email")
    .action((email: string) => changeBy(email, { disabled: true }, (u) => `revoked ${u.email}`));
  users
    .command("restore")
    .description("restore a revoked user")
    .argument("<email>", "the user's email")
    .action((email: string) => changeBy(email, { disabled: false }, (u) => `restored ${u.email}`));
}

function changeBy(
  email: string,
  change: { role?: string; disabled?: boolean },
  done: (user: { email: string; role: string }) => string,
): Promise<void> {
  return runCommand(() =>
    withDatabase(async (db) => {
      const { changeUser, requireUser } = await auth();
      console.log(done(await changeUser(db, (await requireUser(db, email)).id, change)));
    }),
  );
}
