/**
 * @module
 * The buttons under an answer: "More sources" and 👍 / 👎. Their `custom_id` holds only a short
 * answer id; an id the bot no longer remembers gets a kind "please ask again".
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import { answerMessage } from "./answering.ts";
import type { BotContext } from "./deps.ts";
import { renderNotice } from "./render.ts";

const EXPIRED =
  "I no longer remember that answer (I keep only recent ones, and forget them when I restart). Please ask again with /ask.";

/**
 * True when this module handles the button.
 *
 * @example
 * ```ts
 * isAnswerButton("vote:up:a1b2"); // true
 * ```
 */
export function isAnswerButton(customId: string): boolean {
  return /^(more|vote):/.test(customId);
}

/**
 * Handles a click on "More sources", 👍 or 👎 (always answered ephemerally, to the clicker).
 *
 * @example
 * ```ts
 * if (interaction.isButton() && isAnswerButton(interaction.customId)) await handleAnswerButton(interaction, ctx);
 * ```
 */
export async function handleAnswerButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const ephemeral = { flags: MessageFlags.Ephemeral } as const;
  const more = /^more:([\w-]{1,40}):(\d{1,4})$/.exec(interaction.customId);
  const vote = /^vote:(up|down):([\w-]{1,40})$/.exec(interaction.customId);
  const id = more?.[1] ?? vote?.[2];
  const stored = id ? ctx.answers.get(id) : undefined;
  if (!id || !stored) {
    await interaction.reply({ ...renderNotice(EXPIRED), ...ephemeral });
    return;
  }
  if (more) {
    const message = await answerMessage(ctx, stored.question, {
      user: interaction.user.id,
      private: true,
      offset: Number(more[2]),
      answerId: id,
    });
    await interaction.reply({ ...message, ...ephemeral });
    return;
  }
  const direction = vote?.[1] === "up" ? "up" : "down";
  if (!ctx.answers.markVoted(id, interaction.user.id)) {
    await interaction.reply({ ...renderNotice("You already rated this answer. Thanks!"), ...ephemeral });
    return;
  }
  try {
    ctx.usage.recordFeedback({
      platform: "discord",
      vote: direction,
      question: stored.question,
      sources: stored.sources,
      user: interaction.user.id,
    });
  } catch (err) {
    ctx.logger.warn({ err }, "discord: could not record feedback");
  }
  const thanks =
    direction === "up" ? "Thanks, glad it helped!" : "Thanks, the moderators will see this answer missed.";
  await interaction.reply({ ...renderNotice(thanks), ...ephemeral });
}
