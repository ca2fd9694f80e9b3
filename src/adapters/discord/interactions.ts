/**
 * @module
 * Routes every interaction to its command or button, and turns any error into a short apology
 * for the user and a log line for the moderators: nothing a user does can stop the bot.
 */
import { type Interaction, MessageFlags, type RepliableInteraction } from "discord.js";
import { message, pickLocale } from "../../service/messages.ts";
import { handleAnswerButton, isAnswerButton } from "./buttons.ts";
import type { Command } from "./command.ts";
import type { BotContext } from "./deps.ts";
import { renderNotice } from "./render.ts";

async function apologise(interaction: RepliableInteraction, ctx: BotContext): Promise<void> {
  try {
    const notice = renderNotice(message(pickLocale({ language: interaction.locale }), "apology"));
    if (interaction.deferred || interaction.replied)
      await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
  } catch (err) {
    // the interaction token may have expired (15 minutes) or Discord may be unreachable
    ctx.logger.warn({ err, interaction: interaction.id }, "discord: could not send the apology");
  }
}

/**
 * Handles one interaction; never throws.
 *
 * @example
 * ```ts
 * client.on(Events.InteractionCreate, (i) => void handleInteraction(i, commands, ctx));
 * ```
 */
export async function handleInteraction(
  interaction: Interaction,
  commands: ReadonlyMap<string, Command>,
  ctx: BotContext,
): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) {
        await interaction.reply({
          ...renderNotice(
            "I don't know that command any more. A moderator may need to run `npm run deploy-commands`.",
          ),
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isButton() && isAnswerButton(interaction.customId)) {
      await handleAnswerButton(interaction, ctx);
    }
  } catch (err) {
    ctx.logger.error(
      { err, interaction: interaction.id, type: interaction.type, user: interaction.user.id },
      "discord: handler failed",
    );
    if (interaction.isRepliable()) await apologise(interaction, ctx);
    else if (interaction.isAutocomplete() && !interaction.responded) {
      // an empty list beats Discord's "loading options failed"
      await interaction.respond([]).catch(() => {});
    }
  }
}
