/**
 * @module
 * `/add`: a moderator sends a `.md` or `.txt` file with the caption `/add` (or `/add overwrite` to
 * replace a document of the same name on purpose), or replies `/add` to such a file. The name and
 * announced size are checked before anything is downloaded; the file is then validated, written to
 * DATA_DIR and indexed, and the moderator gets the reindex report. `/add https://…` adds a web page
 * through the moderation layer's `addUrl`.
 */
import { Composer, type Context } from "grammy";
import type { Document } from "grammy/types";
import { message, pickLocale } from "../../../service/messages.ts";
import { addedPage } from "../../shared/refresh-summary.ts";
import { captionCommand } from "../caption-command.ts";
import type { FeatureEnv, TelegramSettings } from "../deps.ts";
import { checkDownloadable, downloadFile } from "../file-download.ts";
import { moderatorOf, NOT_CONFIGURED, runModeratorAction } from "../moderator-action.ts";
import { moderatorsOnly } from "../moderator-guard.ts";
import { renderChange } from "../render-moderation.ts";
import { replyTo } from "../reply.ts";

/** How to use `/add` (files and web pages), in English; the bot says it in the moderator's language. */
export const ADD_USAGE = message("en", "add_usage");

/**
 * The `/add` command, for a file with that caption and for `/add` sent as a reply to a file.
 *
 * @example
 * ```ts
 * composer.use(documentsFeature(settings, env));
 * ```
 */
export function documentsFeature(settings: TelegramSettings, env: FeatureEnv): Composer<Context> {
  const guard = moderatorsOnly("/add", settings, env.deps.logger, env.deps.audit);
  const composer = new Composer<Context>();
  const add = (ctx: Context, doc: Document | undefined, arg: string) =>
    addDocument(ctx, env, settings, doc, arg);

  composer.on("message:document").filter(
    (ctx) => captionCommand(ctx.msg, ctx.me, "add") !== undefined,
    guard,
    (ctx) => add(ctx, ctx.msg.document, captionCommand(ctx.msg, ctx.me, "add") ?? ""),
  );
  composer.command("add", guard, (ctx) => add(ctx, ctx.msg.reply_to_message?.document, ctx.match));
  // A moderator who sends a file without the caption most likely meant to add it: say how.
  composer
    .chatType("private")
    .on("message:document")
    .filter(
      (ctx) => settings.adminIds.includes(ctx.from.id),
      (ctx) => {
        const locale = pickLocale({ language: ctx.from.language_code });
        return ctx.reply(`${message(locale, "add_caption_only")} ${message(locale, "add_usage")}`);
      },
    );
  return composer;
}

async function addDocument(
  ctx: Context,
  env: FeatureEnv,
  settings: TelegramSettings,
  doc: Document | undefined,
  arg: string,
): Promise<void> {
  const { moderation } = env.deps;
  if (!moderation) return void (await ctx.reply(NOT_CONFIGURED, replyTo(ctx)));
  const locale = pickLocale({ language: ctx.from?.language_code });
  const url = arg.trim();
  if (!doc && /^https?:\/\/\S+$/i.test(url)) {
    return runModeratorAction(
      ctx,
      env,
      message(locale, "add_url_status", { url }),
      "add the page",
      async () => {
        const added = await moderation.addUrl(moderatorOf(ctx), url);
        return renderChange(addedPage(added, locale), added.report);
      },
    );
  }
  const option = url.toLowerCase();
  if (!doc || (option && option !== "overwrite")) {
    await ctx.reply(message(locale, "add_usage"), replyTo(ctx));
    return;
  }
  const fileName = doc.file_name ?? "document.txt";
  await runModeratorAction(ctx, env, `Adding ${fileName}…`, "add the document", async () => {
    // Refuse a wrong name or an announced size over the limits before downloading anything.
    moderation.precheckUpload(fileName, doc.file_size ?? 0);
    checkDownloadable(fileName, doc.file_size);
    const bytes = await downloadFile(
      { api: ctx.api, token: settings.token, apiRoot: settings.apiRoot },
      doc.file_id,
      fileName,
      moderation.maxBytes,
    );
    const { file, replaced, report } = await moderation.addDocument(moderatorOf(ctx), {
      fileName,
      bytes,
      overwrite: option === "overwrite",
    });
    return renderChange(replaced ? `Replaced ${file}.` : `Added ${file}.`, report);
  });
}
