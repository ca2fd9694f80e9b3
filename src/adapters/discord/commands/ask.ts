import { MessageFlags, SlashCommandBuilder } from "discord.js";
import { message } from "../../../service/messages.ts";
import { MAX_QUESTION_LENGTH } from "../../../service/question-check.ts";
import { askerOf } from "../asker.ts";
import type { Command } from "../command.ts";
import { DISCORD_LIMITS as L } from "../limits.ts";
import { truncateWords } from "../markdown.ts";
import { threadName } from "../mentions.ts";
import { renderReply } from "../render.ts";

/** `/ask question: [private:] [thread:]` — answers with verbatim, cited quotes. */
export default {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask a question; the answer quotes the documents verbatim, with citations")
    .setDescriptionLocalizations({ hi: message("hi", "cmd_ask") })
    .addStringOption((o) =>
      o
        .setName("question")
        .setDescription("What do you want to know?")
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH)
        .setAutocomplete(true),
    )
    .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer"))
    .addBooleanOption((o) =>
      o.setName("thread").setDescription("Open a thread on the answer; follow-up questions go there"),
    )
    .toJSON(),

  async execute(interaction, ctx) {
    const isPrivate = interaction.options.getBoolean("private") ?? false;
    // defer first: Discord's 3-second window must not depend on how long retrieval takes
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const question = interaction.options.getString("question", true);
    const asker = askerOf(interaction);
    const reply = await ctx.service.ask(asker, question);
    const message = renderReply(reply);
    if (!message) return void (await interaction.deleteReply());
    const sent = await interaction.editReply(message);
    const channel = interaction.channel;
    const wantsThread = interaction.options.getBoolean("thread") ?? false;
    if (
      !wantsThread ||
      isPrivate ||
      reply.kind !== "page" ||
      !channel ||
      channel.isThread() ||
      !("threads" in channel)
    )
      return;
    try {
      const thread = await channel.threads.create({ name: threadName(question), startMessage: sent.id });
      await ctx.service.continueIn(asker, reply.page, `thread:${thread.id}`);
    } catch (err) {
      // no permission to create threads here: the answer stands, follow-ups go by /ask
      ctx.logger.warn(
        { err, channel: interaction.channelId },
        "discord: could not open a thread on an answer",
      );
    }
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const suggestions = ctx.service.suggest(typed, L.choices, askerOf(interaction));
    const choices = [...new Set(suggestions.map((s) => truncateWords(s.trim(), L.choiceValue)))]
      .filter(Boolean)
      .slice(0, L.choices)
      .map((s) => ({ name: s, value: s }));
    await interaction.respond(choices);
  },
} satisfies Command;
