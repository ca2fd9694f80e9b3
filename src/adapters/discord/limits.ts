/**
 * @module
 * Discord's documented message limits, in one place, so the renderer and the test fake agree.
 * Lengths are counted in UTF-16 code units, which is never less than Discord's own count.
 */

/** Hard limits Discord enforces on a message payload; a payload over any of them is rejected with 400. */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  actionRows: 5,
  buttonsPerRow: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
} as const;
