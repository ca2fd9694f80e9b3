import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { Command } from "../command.ts";
import { requirePermission } from "../guard.ts";
import { renderReindex } from "../render-lists.ts";

/** `/reindex` — re-reads the documents; Manage Server only, answered ephemerally. */
export default {
  data: new SlashCommandBuilder()
    .setName("reindex")
    .setDescription("Re-read the documents and rebuild the index (moderators)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),

  execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", async (interaction, ctx) => {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // the library queues concurrent reindexes, and the old index keeps answering until the swap
    const report = await ctx.library.reindex();
    ctx.logger.info(
      { user: interaction.user.id, applied: report.applied },
      "discord: reindex by a moderator",
    );
    await interaction.editReply(renderReindex(report));
  }),
} satisfies Command;
