import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { message, pickLocale } from "../../../service/messages.ts";
import { summarizeRefresh } from "../../shared/refresh-summary.ts";
import type { Command } from "../command.ts";
import { moderatorOf, runModeration } from "../moderation-reply.ts";
import { requirePermission } from "../moderator-guard.ts";
import { renderNotice } from "../render.ts";

/** `/refresh` — re-fetches the web pages added by address; Manage Server only, answered ephemerally. */
export default {
  data: new SlashCommandBuilder()
    .setName("refresh")
    .setDescription("Re-fetch the web pages added by address; reindex those that changed (moderators)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),

  execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", (interaction, ctx) =>
    runModeration(interaction, ctx, async (moderation) => {
      const locale = pickLocale({ language: interaction.locale });
      // a shard process's relay does not carry web pages yet
      if (!moderation.refresh) return renderNotice(message(locale, "no_web_pages"));
      const { headline, lines } = summarizeRefresh(
        await moderation.refresh(moderatorOf(interaction)),
        locale,
      );
      return renderNotice([headline, ...lines].join("\n"));
    }),
  ),
} satisfies Command;
