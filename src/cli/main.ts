import { Command, CommanderError } from "commander";
import { registerApiKeyCommands } from "./commands/apikey.ts";
import { registerDbCommands } from "./commands/db.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerDemoDataCommand } from "./commands/demo-data.ts";
import { registerDigestCommands } from "./commands/digest.ts";
import { registerEvaluateCommand } from "./commands/evaluate.ts";
import { registerFeaturesCommand } from "./commands/features.ts";
import { registerImportCommand } from "./commands/import.ts";
import { registerJobsCommands } from "./commands/jobs.ts";
import { registerKpiCommand } from "./commands/kpi.ts";
import { registerModelsCommands } from "./commands/models.ts";
import { registerMonitorCommand } from "./commands/monitor.ts";
import { registerOutreachCommands } from "./commands/outreach.ts";
import { registerScoreCommand } from "./commands/score.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerTrainCommand } from "./commands/train.ts";
import { registerUserCommands } from "./commands/users.ts";

const program = new Command("retain")
  .description("Retain: churn-risk prediction and at-risk outreach for customer-success teams")
  .version("0.1.0")
  .showHelpAfterError("(run with --help for usage)")
  .addHelpText("after", "\nConfiguration comes from the environment (DATABASE_URL, PORT, …): see README.md.")
  // Usage errors (unknown command or option, missing argument) are bad arguments: exit code 2, as the README says.
  .exitOverride();

registerDemoCommand(program);
registerDemoDataCommand(program);
registerDbCommands(program);
registerImportCommand(program);
registerUserCommands(program);
registerApiKeyCommands(program);
registerFeaturesCommand(program);
registerTrainCommand(program);
registerEvaluateCommand(program);
registerModelsCommands(program);
registerMonitorCommand(program);
registerScoreCommand(program);
registerJobsCommands(program);
registerKpiCommand(program);
registerOutreachCommands(program);
registerDigestCommands(program);
registerServeCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? 0 : 2; // commander has printed the message (or the help)
}
