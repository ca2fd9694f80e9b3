/**
 * @module
 * Questions: any text in a private chat; in groups `/ask …`, `/ask@bot …`, a mention of the bot or a
 * reply to one of its messages. Ordinary group chatter never reaches the library.
 */
import { Composer, type Context } from "grammy";
import { type FeatureEnv, replyWithAnswer } from "../answer-reply.ts";
import { groupQuestion } from "../group-question.ts";
import { checkQuestion } from "../question-input.ts";
import { questionLimiter, replyTo } from "../rate-limit.ts";

const startsWithCommand = (ctx: Context) =>
  ctx.msg?.entities?.some((e) => e.type === "bot_command" && e.offset === 0);

/**
 * Checks the text and answers it, or explains what was wrong with it.
 *
 * @example
 * ```ts
 * composer.command("ask", (ctx) => answerText(ctx, env, ctx.match));
 * ```
 */
export async function answerText(ctx: Context, env: FeatureEnv, text: string): Promise<void> {
  const check = checkQuestion(text);
  if (!check.ok) {
    await ctx.reply(check.reply, replyTo(ctx));
    return;
  }
  const threaded = ctx.chat?.type === "private" ? undefined : ctx.msg?.message_id;
  await replyWithAnswer(ctx, env, check.question, { replyTo: threaded });
}

/**
 * The ways of asking.
 *
 * @example
 * ```ts
 * bot.use(askFeature(env));
 * ```
 */
export function askFeature(env: FeatureEnv): Composer<Context> {
  const composer = new Composer<Context>();
  const limiter = questionLimiter(env.deps.rateLimit);

  composer.command("ask", limiter, async (ctx) => {
    if (!ctx.match.trim()) {
      await ctx.reply(`Usage: /ask your question, e.g. /ask does WhatsApp read my messages?`, replyTo(ctx));
      return;
    }
    await answerText(ctx, env, ctx.match);
  });

  const privateChat = composer.chatType("private");
  privateChat.on("message:text").filter(
    (ctx) => !startsWithCommand(ctx),
    limiter,
    (ctx) => answerText(ctx, env, ctx.msg.text),
  );

  const groups = composer.chatType(["group", "supergroup"]);
  groups.on("message:text").filter(
    (ctx) => groupQuestion(ctx.msg, ctx.me) !== undefined,
    limiter,
    async (ctx) => {
      const question = groupQuestion(ctx.msg, ctx.me) ?? "";
      if (!question) {
        const hint = `Ask me something, e.g. @${ctx.me.username} does WhatsApp read my messages?`;
        await ctx.reply(hint, replyTo(ctx));
        return;
      }
      await answerText(ctx, env, question);
    },
  );
  return composer;
}
