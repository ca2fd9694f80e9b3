import { MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../command.ts";
import { renderHelp } from "../render-lists.ts";

/** `/help` — explains what the bot does and how to use it. */
export default {
  data: new SlashCommandBuilder().setName("help").setDescription("How citebot answers questions").toJSON(),

  async execute(interaction, ctx) {
    const help = renderHelp({ mentions: ctx.settings.messageContent, dms: ctx.settings.dms });
    await interaction.reply({ ...help, flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
