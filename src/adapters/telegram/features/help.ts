/**
 * @module
 * `/start`, `/help` and `/sources`: what the bot knows (the document list) and how to ask it; the
 * same help once when the bot is added to a group.
 */
import { Composer, type Context } from "grammy";
import { pickLocale } from "../../../service/messages.ts";
import type { FeatureEnv } from "../deps.ts";
import { type ModeratorRule, mayModerate } from "../moderator-guard.ts";
import { renderHelp, renderSources } from "../render-lists.ts";
import { sendRendered } from "../reply.ts";
import { askerOf } from "./ask.ts";

/**
 * The help and document-list commands. Moderators (by the rule of `moderator-guard.ts`) also see
 * the moderator commands in /help and the file names in /sources.
 *
 * @example
 * ```ts
 * bot.use(helpFeature(env, settings));
 * ```
 */
export function helpFeature(env: FeatureEnv, rule: ModeratorRule = { adminIds: [] }): Composer<Context> {
  const { logger } = env.deps;
  const composer = new Composer<Context>();
  composer.command(["start", "help"], async (ctx) => {
    const moderator = await mayModerate(ctx, rule, logger);
    const locale = pickLocale({ language: ctx.from?.language_code });
    const help = renderHelp(await env.service.documents(askerOf(ctx)), ctx.me.username, ctx.chat.type, {
      moderator,
      locale,
    });
    await sendRendered(ctx, help);
  });
  composer.command("sources", async (ctx) => {
    const files = await mayModerate(ctx, rule, logger);
    await sendRendered(ctx, renderSources(await env.service.documents(askerOf(ctx)), { files }));
  });
  // Added to a group: say once how to ask here, since ordinary messages will be ignored.
  composer.on("my_chat_member", async (ctx, next) => {
    const { old_chat_member: before, new_chat_member: now, chat } = ctx.myChatMember;
    const joined =
      ["left", "kicked"].includes(before.status) && ["member", "administrator"].includes(now.status);
    if (!joined || (chat.type !== "group" && chat.type !== "supergroup")) return next();
    await sendRendered(
      ctx,
      renderHelp(await env.service.documents(askerOf(ctx)), ctx.me.username, chat.type),
    );
  });
  return composer;
}
