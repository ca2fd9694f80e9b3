/**
 * @module
 * The frame every command-line tool runs in: config, a stderr logger, and one clear error line
 * (no stack trace) with exit code 1 when something goes wrong.
 */
import { type Config, loadConfig } from "../config.ts";
import { type AppLogger, createLogger } from "../logger.ts";

/** Runs a CLI body; logs below `warn` are hidden unless LOG_LEVEL asks for them. */
export async function runCli(
  body: (ctx: { config: Readonly<Config>; logger: AppLogger }) => Promise<void>,
  options: { quiet?: boolean } = { quiet: true },
): Promise<void> {
  try {
    const config = loadConfig();
    const level = options.quiet && config.logLevel === "info" ? "warn" : config.logLevel;
    await body({ config, logger: createLogger(level) });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
