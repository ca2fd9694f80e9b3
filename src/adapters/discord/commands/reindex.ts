import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { Command } from "../command.ts";
import { moderatorOf, runModeration } from "../moderation-reply.ts";
import { requirePermission } from "../moderator-guard.ts";
import { renderReindex } from "../render-lists.ts";

/** `/reindex [dry_run:]` — re-reads the documents; Manage Server only, answered ephemerally. */
export default {
  data: new SlashCommandBuilder()
    .setName("reindex")
    .setDescription("Re-read the documents and rebuild the index (moderators)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addBooleanOption((o) =>
      o.setName("dry_run").setDescription("Only report what would change; the index stays as it is"),
    )
    .toJSON(),

  execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", async (interaction, ctx) => {
    const dryRun = interaction.options.getBoolean("dry_run") ?? false;
    if (ctx.moderation) {
      // through the moderator actions, so the reindex is audited with who asked
      await runModeration(interaction, ctx, async (moderation) =>
        renderReindex(await moderation.reindex(moderatorOf(interaction), { dryRun })),
      );
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // the library queues concurrent reindexes, and the old index keeps answering until the swap
    const report = await ctx.library.reindex({ dryRun });
    ctx.logger.info(
      { user: interaction.user.id, applied: report.applied, dryRun },
      "discord: reindex by a moderator",
    );
    await interaction.editReply(renderReindex(report));
  }),
} satisfies Command;
