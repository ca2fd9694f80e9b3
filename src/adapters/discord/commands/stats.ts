import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { Command } from "../command.ts";
import { moderatorOf, runModeration } from "../moderation-reply.ts";
import { requirePermission } from "../moderator-guard.ts";
import { renderStatsReport } from "../render-moderation.ts";

/** `/stats` — the usage report (questions, gaps, disliked answers); Manage Server only. */
export default {
  data: new SlashCommandBuilder()
    .setName("stats")
    .setDescription("Usage report: questions asked, what the documents don't cover (moderators)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),

  execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", (interaction, ctx) =>
    runModeration(interaction, ctx, async (moderation) =>
      renderStatsReport(await moderation.statsText({ moderator: moderatorOf(interaction) })),
    ),
  ),
} satisfies Command;
