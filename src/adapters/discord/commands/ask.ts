import { MessageFlags, SlashCommandBuilder } from "discord.js";
import { answerMessage } from "../answering.ts";
import type { Command } from "../command.ts";
import { DISCORD_LIMITS as L } from "../limits.ts";
import { truncateWords } from "../markdown.ts";

/** `/ask question: [private:]` — answers with verbatim, cited quotes. */
export default {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask a question; the answer quotes the documents verbatim, with citations")
    .addStringOption((o) =>
      o
        .setName("question")
        .setDescription("What do you want to know?")
        .setRequired(true)
        .setMaxLength(500)
        .setAutocomplete(true),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer"))
    .toJSON(),

  async execute(interaction, ctx) {
    const isPrivate = interaction.options.getBoolean("private") ?? false;
    // defer first: Discord's 3-second window must not depend on how long retrieval takes
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const question = interaction.options.getString("question", true);
    await interaction.editReply(
      await answerMessage(ctx, question, { user: interaction.user.id, private: isPrivate }),
    );
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const suggestions = ctx.library.suggest(typed, L.choices);
    const choices = [...new Set(suggestions.map((s) => truncateWords(s.trim(), L.choiceValue)))]
      .filter(Boolean)
      .slice(0, L.choices)
      .map((s) => ({ name: s, value: s }));
    await interaction.respond(choices);
  },
} satisfies Command;
