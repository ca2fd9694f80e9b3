import { MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../command.ts";
import { renderSources } from "../render-lists.ts";

/** `/sources` — lists the indexed documents (only to the member who asked). */
export default {
  data: new SlashCommandBuilder()
    .setName("sources")
    .setDescription("List the documents I answer from")
    .toJSON(),

  async execute(interaction, ctx) {
    await interaction.reply({ ...renderSources(ctx.library.documents()), flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
