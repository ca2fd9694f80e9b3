import { MessageFlags, SlashCommandBuilder } from "discord.js";
import { message, pickLocale } from "../../../service/messages.ts";
import type { Command } from "../command.ts";
import { renderHelp } from "../render-lists.ts";

/** `/help` — explains what the bot does and how to use it. */
export default {
  data: new SlashCommandBuilder()
    .setName("help")
    .setDescription("How citebot answers questions")
    .setDescriptionLocalizations({ hi: message("hi", "cmd_help") })
    .toJSON(),

  async execute(interaction, ctx) {
    const locale = pickLocale({ language: interaction.locale });
    const help = renderHelp({ mentions: ctx.settings.messageContent, dms: ctx.settings.dms, locale });
    await interaction.reply({ ...help, flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
