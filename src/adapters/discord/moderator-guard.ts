/**
 * @module
 * The one permission guard every moderator command uses. Discord already hides such commands
 * from members without the permission (`setDefaultMemberPermissions`), but server admins can
 * override that in Integrations settings, so the bot checks again each time a command runs. With
 * `DISCORD_MODERATOR_GUILDS` set, only those servers may moderate at all: the documents are shared
 * by every server the bot is in, and anyone can create a server.
 */
import { type ChatInputCommandInteraction, MessageFlags, type PermissionResolvable } from "discord.js";
import type { BotContext } from "./deps.ts";
import { moderatorOf } from "./moderation-reply.ts";
import { renderNotice } from "./render.ts";

type Execute = (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;

/**
 * Wraps a command's `execute` so it only runs for members of a server who hold `permission`;
 * everyone else (including in DMs) gets a short ephemeral refusal, and the attempt is logged and
 * recorded in the audit log (who, which command, why).
 *
 * @example
 * ```ts
 * export default {
 *   data: new SlashCommandBuilder().setName("reindex").setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
 *   execute: requirePermission(PermissionFlagsBits.ManageGuild, "Manage Server", async (i, ctx) => { ... }),
 * } satisfies Command;
 * ```
 */
export function requirePermission(
  permission: PermissionResolvable,
  label: string,
  execute: Execute,
): Execute {
  return async (interaction, ctx) => {
    const allowedGuilds = ctx.settings.moderatorGuilds ?? [];
    const refuse = async (reason: string) => {
      ctx.logger.warn(
        { command: interaction.commandName, user: interaction.user.id, guild: interaction.guildId, reason },
        "discord: refused a moderator command",
      );
      const { platform, user, label, community } = moderatorOf(interaction);
      await ctx.audit?.refused({
        platform,
        user,
        label,
        community,
        command: `/${interaction.commandName}`,
        reason,
      });
    };
    if (interaction.inGuild() && allowedGuilds.length > 0 && !allowedGuilds.includes(interaction.guildId)) {
      await refuse("server not in DISCORD_MODERATOR_GUILDS");
      await interaction.reply({
        ...renderNotice(
          `/${interaction.commandName} is not enabled in this server. The bot's operator can allow it by adding this server's id to DISCORD_MODERATOR_GUILDS.`,
        ),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const allowed = interaction.inGuild() && interaction.memberPermissions?.has(permission) === true;
    if (!allowed) {
      await refuse(interaction.inGuild() ? `lacks the ${label} permission` : "not in a server");
      await interaction.reply({
        ...renderNotice(
          `Only server members with the ${label} permission can use /${interaction.commandName}.`,
        ),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    await execute(interaction, ctx);
  };
}
