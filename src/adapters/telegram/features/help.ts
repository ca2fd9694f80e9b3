/**
 * @module
 * `/start`, `/help` and `/sources`: what the bot knows (the document list) and how to ask it.
 */
import { Composer, type Context } from "grammy";
import type { FeatureEnv } from "../answer-reply.ts";
import { renderHelp, renderSources } from "../render-lists.ts";
import { sendRendered } from "../reply.ts";

/**
 * The help and document-list commands.
 *
 * @example
 * ```ts
 * bot.use(helpFeature(env));
 * ```
 */
export function helpFeature(env: FeatureEnv): Composer<Context> {
  const { library, logger } = env.deps;
  const composer = new Composer<Context>();
  composer.command(["start", "help"], (ctx) =>
    sendRendered(ctx, renderHelp(library.documents(), ctx.me.username, ctx.chat.type), logger),
  );
  composer.command("sources", (ctx) => sendRendered(ctx, renderSources(library.documents()), logger));
  return composer;
}
