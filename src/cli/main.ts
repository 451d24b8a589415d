import { Command } from "commander";
import { registerApiKeyCommands } from "./commands/apikey.ts";
import { registerDbCommands } from "./commands/db.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerDemoDataCommand } from "./commands/demo-data.ts";
import { registerImportCommand } from "./commands/import.ts";
import { registerServeCommand } from "./commands/serve.ts";

const program = new Command("retain")
  .description("Retain: churn-risk prediction and at-risk outreach for customer-success teams")
  .version("0.1.0")
  .showHelpAfterError("(run with --help for usage)")
  .addHelpText("after", "\nConfiguration comes from the environment (DATABASE_URL, PORT, …): see README.md.");

registerDemoCommand(program);
registerDemoDataCommand(program);
registerDbCommands(program);
registerImportCommand(program);
registerApiKeyCommands(program);
registerServeCommand(program);

await program.parseAsync(process.argv);
