import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { message, pickLocale } from "../../../service/messages.ts";
import { addedPage } from "../../shared/refresh-summary.ts";
import { downloadAttachment } from "../attachment-download.ts";
import type { Command } from "../command.ts";
import { DISCORD_LIMITS as L } from "../limits.ts";
import { truncateWords } from "../markdown.ts";
import { moderatorOf, runModeration } from "../moderation-reply.ts";
import { requirePermission } from "../moderator-guard.ts";
import { renderNotice } from "../render.ts";
import { renderActionReport } from "../render-moderation.ts";

/**
 * `/docs add file: [overwrite:]`, `/docs add url:` and `/docs remove name:` — Manage Server only,
 * answered ephemerally.
 */
export default {
  data: new SlashCommandBuilder()
    .setName("docs")
    .setDescription("Add or remove a document the bot answers from (moderators)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName("add")
        .setDescription("Add a document (a file, or a web page by its address), then reindex")
        .addAttachmentOption((o) =>
          o.setName("file").setDescription("A .md, .txt, .pdf, .docx or .html file"),
        )
        .addStringOption((o) =>
          o.setName("url").setDescription("Or a web page's address, https://…").setMaxLength(2000),
        )
        .addBooleanOption((o) =>
          o.setName("overwrite").setDescription("Replace a document with the same name"),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("remove")
        .setDescription("Remove a document, then reindex")
        .addStringOption((o) =>
          o
            .setName("name")
            .setDescription("The document's file name")
            .setRequired(true)
            .setMaxLength(200)
            .setAutocomplete(true),
        ),
    )
    .toJSON(),

  execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", async (interaction, ctx) => {
    const moderator = moderatorOf(interaction);
    const locale = pickLocale({ language: interaction.locale });
    const url = interaction.options.getString("url")?.trim();
    if (interaction.options.getSubcommand() === "add" && url) {
      await runModeration(interaction, ctx, async (moderation) => {
        // a shard process's relay does not carry web pages yet
        if (!moderation.addUrl) return renderNotice(message(locale, "no_web_pages"));
        const added = await moderation.addUrl(moderator, url);
        return renderActionReport(addedPage(added, locale), added.report);
      });
      return;
    }
    if (interaction.options.getSubcommand() === "add") {
      const file = interaction.options.getAttachment("file");
      if (!file)
        return void (await interaction.reply({
          ...renderNotice(message(locale, "add_usage_discord")),
          flags: MessageFlags.Ephemeral,
        }));
      const overwrite = interaction.options.getBoolean("overwrite") ?? false;
      await runModeration(interaction, ctx, async (moderation) => {
        // name, type and announced size first: a refused file is never downloaded
        moderation.precheckUpload(file.name, file.size);
        const bytes = await downloadAttachment(file.url, file.name, file.size, moderation.maxBytes);
        const added = await moderation.addDocument(moderator, { fileName: file.name, bytes, overwrite });
        return renderActionReport(`${added.replaced ? "Replaced" : "Added"} ${added.file}.`, added.report);
      });
      return;
    }
    const name = interaction.options.getString("name", true);
    await runModeration(interaction, ctx, async (moderation) => {
      const removed = await moderation.removeDocument(moderator, name);
      return renderActionReport(`Removed ${removed.file}.`, removed.report);
    });
  }),

  async autocomplete(interaction, ctx) {
    // only moderators see the command, and file names are no secret (/sources lists titles)
    const typed = interaction.options.getFocused().toLowerCase();
    const choices = ctx.library
      .documents()
      .filter((d) => d.file.length <= L.choiceValue)
      .filter((d) => d.file.toLowerCase().includes(typed) || d.title.toLowerCase().includes(typed))
      .slice(0, L.choices)
      .map((d) => ({ name: truncateWords(`${d.file} — ${d.title}`, L.choiceName), value: d.file }));
    await interaction.respond(choices);
  },
} satisfies Command;
