/**
 * @module
 * What every moderator command shares once the permission guard has let it through: who the
 * moderator is (for the audit log), "not configured" when moderation is absent, deferring (a
 * download or reindex can outlast Discord's 3-second window), and errors: a refusal written for
 * the moderator (bad file, no previous index) is shown as is; anything else is logged and apologised for.
 */
import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import { isModeratorFacingError, type Moderator } from "../../moderation/moderator-actions.ts";
import { DiscordDownloadError } from "./attachment-download.ts";
import type { BotContext, DiscordModeration } from "./deps.ts";
import { toDiscordText } from "./markdown.ts";
import { type DiscordMessage, renderNotice } from "./render.ts";

export const NOT_CONFIGURED =
  "Moderation is not configured on this bot, so documents cannot be changed from Discord. Ask the operator.";
const APOLOGY =
  "Sorry, that did not work because of an internal error; it has been logged. Please try again.";

/**
 * The moderator behind an interaction; the audit log hashes the id and keeps the username.
 *
 * @example
 * ```ts
 * await moderation.rollback(moderatorOf(interaction));
 * ```
 */
export function moderatorOf(interaction: ChatInputCommandInteraction): Moderator {
  return {
    platform: "discord",
    user: interaction.user.id,
    label: interaction.user.username,
    community: interaction.guildId ? `discord:${interaction.guildId}` : undefined,
  };
}

/**
 * Runs one moderator action and answers with its result, privately. Call it inside
 * `requirePermission`: it does not check permissions itself.
 *
 * @example
 * ```ts
 * execute: requirePermission(ManageGuild, "Manage Server", (i, ctx) =>
 *   runModeration(i, ctx, async (m) => renderActionReport("Rolled back.", await m.rollback(moderatorOf(i))))),
 * ```
 */
export async function runModeration(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  action: (moderation: DiscordModeration) => Promise<DiscordMessage>,
): Promise<void> {
  const { moderation } = ctx;
  if (!moderation) {
    await interaction.reply({ ...renderNotice(NOT_CONFIGURED), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let message: DiscordMessage;
  try {
    message = await action(moderation);
  } catch (err) {
    const shown = isModeratorFacingError(err) || err instanceof DiscordDownloadError;
    ctx.logger[shown ? "info" : "error"](
      { err, command: interaction.commandName, user: interaction.user.id },
      shown ? "discord: moderator action refused" : "discord: moderator action failed",
    );
    message = renderNotice(shown ? toDiscordText((err as Error).message) : APOLOGY);
  }
  await interaction.editReply(message);
}
