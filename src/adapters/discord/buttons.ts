/**
 * @module
 * The buttons under an answer: "More sources" and 👍 / 👎, through the chat service. Their
 * `custom_id` holds only a short answer id; an id the service no longer remembers gets a kind
 * "please ask again". Always answered ephemerally, to the clicker.
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import { askerOf } from "./asker.ts";
import type { BotContext } from "./deps.ts";
import { renderReply } from "./render.ts";

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
 * Handles a click on "More sources", 👍 or 👎.
 *
 * @example
 * ```ts
 * if (interaction.isButton() && isAnswerButton(interaction.customId)) await handleAnswerButton(interaction, ctx);
 * ```
 */
export async function handleAnswerButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const more = /^more:([\w-]{1,40}):(\d{1,4})$/.exec(interaction.customId);
  const vote = /^vote:(up|down):([\w-]{1,40})$/.exec(interaction.customId);
  const asker = askerOf(interaction);
  const reply = more
    ? await ctx.service.more(asker, more[1] as string, Number(more[2]))
    : await ctx.service.vote(asker, vote?.[2] ?? "", vote?.[1] === "up" ? "up" : "down");
  const message = renderReply(reply);
  // a click must be acknowledged even when the service says to stay quiet
  if (message) await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  else await interaction.deferUpdate();
}
