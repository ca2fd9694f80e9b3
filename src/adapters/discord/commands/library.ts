import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { baseToggled, SHARED_SCOPE } from "../../shared/base-toggle.ts";
import type { Command } from "../command.ts";
import { moderatorOf, runModeration } from "../moderation-reply.ts";
import { requirePermission } from "../moderator-guard.ts";
import { renderNotice } from "../render.ts";

/** `/library base:on|off` — whether this server's answers include the bot's own documents; Manage Server only. */
export default {
  data: new SlashCommandBuilder()
    .setName("library")
    .setDescription("Include the bot's own documents in this server's answers, or not (moderators)")
    .addStringOption((o) =>
      o
        .setName("base")
        .setDescription("on: this server's documents and the bot's own; off: this server's only")
        .setRequired(true)
        .addChoices({ name: "on", value: "on" }, { name: "off", value: "off" }),
    )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),

  execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", (interaction, ctx) =>
    runModeration(interaction, ctx, async (moderation) => {
      if (!moderation.includeBase) return renderNotice(SHARED_SCOPE);
      const on = interaction.options.getString("base", true) === "on";
      await moderation.includeBase(moderatorOf(interaction), on);
      return renderNotice(baseToggled(on));
    }),
  ),
} satisfies Command;
