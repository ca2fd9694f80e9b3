/**
 * @module
 * The shape of a slash command file in `commands/` (the create-discord-bot template's style).
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { BotContext } from "./deps.ts";

/**
 * One slash command: its registration JSON and its handler.
 *
 * @example
 * ```ts
 * export default {
 *   data: new SlashCommandBuilder().setName("help").setDescription("How to use citebot").toJSON(),
 *   async execute(interaction) { await interaction.reply("…"); },
 * } satisfies Command;
 * ```
 */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}
