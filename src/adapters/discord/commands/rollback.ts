import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { Command } from "../command.ts";
import { moderatorOf, runModeration } from "../moderation-reply.ts";
import { requirePermission } from "../moderator-guard.ts";
import { renderActionReport } from "../render-moderation.ts";

/** `/rollback` — puts the index the last reindex replaced back; Manage Server only. */
export default {
  data: new SlashCommandBuilder()
    .setName("rollback")
    .setDescription("Undo the last reindex: answer from the previous index again (moderators)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),

  execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", (interaction, ctx) =>
    runModeration(interaction, ctx, async (moderation) => {
      const report = await moderation.rollback(moderatorOf(interaction));
      // the files are untouched: say so, or the next /reindex would look like it undid the rollback
      return renderActionReport(
        `Restored the previous index: ${report.documents} documents, ${report.passages} passages. ` +
          "The files in the data folder are unchanged; the next reindex reads them again.",
        report,
        { headline: false },
      );
    }),
  ),
} satisfies Command;
