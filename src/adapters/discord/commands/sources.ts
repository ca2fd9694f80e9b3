import { MessageFlags, SlashCommandBuilder } from "discord.js";
import { message } from "../../../service/messages.ts";
import { askerOf } from "../asker.ts";
import type { Command } from "../command.ts";
import { renderSources } from "../render-lists.ts";

/** `/sources` — lists the indexed documents (only to the member who asked). */
export default {
  data: new SlashCommandBuilder()
    .setName("sources")
    .setDescription("List the documents I answer from")
    .setDescriptionLocalizations({ hi: message("hi", "cmd_sources") })
    .toJSON(),

  async execute(interaction, ctx) {
    await interaction.reply({
      ...renderSources(await ctx.service.documents(askerOf(interaction))),
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies Command;
