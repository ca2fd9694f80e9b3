/**
 * @module
 * Moderator commands on the index: `/reindex` (or `/reindex dry`), `/rollback`, `/remove NAME`,
 * `/refresh` (re-fetch the web pages), `/library base on|off` and `/stats`, each behind {@link moderatorsOnly}. They go through the moderation facade, so every
 * change is audited; the library queues concurrent reindexes, so two moderators never collide.
 */
import { Composer, type Context } from "grammy";
import { message, pickLocale } from "../../../service/messages.ts";
import { BASE_TOGGLE_USAGE, baseToggled, parseBaseToggle, SHARED_SCOPE } from "../../shared/base-toggle.ts";
import { summarizeRefresh } from "../../shared/refresh-summary.ts";
import type { FeatureEnv, TelegramSettings } from "../deps.ts";
import { moderatorOf, NOT_CONFIGURED, runModeratorAction } from "../moderator-action.ts";
import { moderatorsOnly } from "../moderator-guard.ts";
import { renderReindex } from "../render-lists.ts";
import { renderChange, renderNotice, renderRollback, renderStatsMessage } from "../render-moderation.ts";
import { replyTo, sendRendered } from "../reply.ts";
import { documentsFeature } from "./documents.ts";

const DRY_RUN = /^(?:--?)?dry(?:[-_ ]?run)?$/i;

/**
 * The moderator commands, `/add` included (see `documents.ts`).
 *
 * @example
 * ```ts
 * bot.use(moderationFeature(settings, env));
 * ```
 */
export function moderationFeature(settings: TelegramSettings, env: FeatureEnv): Composer<Context> {
  const { library, logger, moderation, audit } = env.deps;
  const guard = (command: string) => moderatorsOnly(command, settings, logger, audit);
  const composer = new Composer<Context>();
  composer.use(documentsFeature(settings, env));

  composer.command("reindex", guard("/reindex"), async (ctx) => {
    const arg = ctx.match.trim();
    if (arg && !DRY_RUN.test(arg)) {
      const usage =
        "Usage: /reindex to re-read the documents, or /reindex dry to see what would change without changing anything.";
      await ctx.reply(usage, replyTo(ctx));
      return;
    }
    const dryRun = Boolean(arg);
    const status = dryRun
      ? "Checking the documents (dry run, nothing changes)…"
      : "Reindexing the documents…";
    await runModeratorAction(ctx, env, status, "reindex", async () =>
      renderReindex(
        moderation
          ? await moderation.reindex(moderatorOf(ctx), { dryRun })
          : await library.reindex({ dryRun }),
      ),
    );
  });

  composer.command("rollback", guard("/rollback"), async (ctx) => {
    if (!moderation) return void (await ctx.reply(NOT_CONFIGURED, replyTo(ctx)));
    await runModeratorAction(ctx, env, "Rolling back to the previous index…", "roll back", async () =>
      renderRollback(await moderation.rollback(moderatorOf(ctx))),
    );
  });

  composer.command("remove", guard("/remove"), async (ctx) => {
    if (!moderation) return void (await ctx.reply(NOT_CONFIGURED, replyTo(ctx)));
    const name = ctx.match.trim();
    if (!name) {
      const usage = "Usage: /remove file-name.md, with the file name as /sources lists it.";
      await ctx.reply(usage, replyTo(ctx));
      return;
    }
    await runModeratorAction(ctx, env, "Removing the document…", "remove the document", async () => {
      const { file, report } = await moderation.removeDocument(moderatorOf(ctx), name);
      return renderChange(`Removed ${file}.`, report);
    });
  });

  composer.command("refresh", guard("/refresh"), async (ctx) => {
    if (!moderation) return void (await ctx.reply(NOT_CONFIGURED, replyTo(ctx)));
    const locale = pickLocale({ language: ctx.from?.language_code });
    await runModeratorAction(
      ctx,
      env,
      message(locale, "refresh_status"),
      "refresh the web pages",
      async () => {
        const { headline, lines } = summarizeRefresh(await moderation.refresh(moderatorOf(ctx)), locale);
        return [renderNotice([headline, ...lines].join("\n"))];
      },
    );
  });

  composer.command("library", guard("/library"), async (ctx) => {
    if (!moderation) return void (await ctx.reply(NOT_CONFIGURED, replyTo(ctx)));
    const { includeBase } = moderation;
    if (!includeBase) return void (await ctx.reply(SHARED_SCOPE, replyTo(ctx)));
    const on = parseBaseToggle(ctx.match);
    if (on === undefined) return void (await ctx.reply(BASE_TOGGLE_USAGE, replyTo(ctx)));
    await runModeratorAction(ctx, env, "Saving…", "change the library", async () => {
      await includeBase(moderatorOf(ctx), on);
      return [renderNotice(baseToggled(on))];
    });
  });

  composer.command("stats", guard("/stats"), async (ctx) => {
    if (!moderation) return void (await ctx.reply(NOT_CONFIGURED, replyTo(ctx)));
    await sendRendered(ctx, [renderStatsMessage(moderation.statsText({ moderator: moderatorOf(ctx) }))], {
      replyTo: ctx.chat.type === "private" ? undefined : ctx.msg.message_id,
    });
  });
  return composer;
}
