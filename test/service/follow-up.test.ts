import { describe, expect, it } from "vitest";
import { readFollowUp } from "../../src/service/follow-up.ts";

const last = (question: string) => ({ question, answerId: "a", offset: 0, next: 4 });

describe("readFollowUp", () => {
  it.each([
    ["more", "more"],
    ["More sources!", "more"],
    ["और", "more"],
    ["who said that?", "who"],
    ["Where is that from?", "who"],
    ["यह किसने कहा?", "who"],
  ])("reads %j as %s", (text, kind) => {
    expect(readFollowUp(text, last("does WhatsApp read my messages?"))?.kind).toBe(kind);
  });

  it.each([
    ["Who owns WhatsApp?", "and Meta?", "Who owns Meta?"],
    ["does whatsapp read my messages?", "what about telegram?", "does telegram read my messages?"],
    ["Is Elon Musk right about WhatsApp?", "and Carmack?", "Is Carmack right about WhatsApp?"],
    ["encryption", "and metadata?", "metadata encryption?"],
  ])("asks %j again about a new subject for %j", (asked, text, question) => {
    expect(readFollowUp(text, last(asked))).toEqual({ kind: "ask", question, reason: "topic" });
  });

  it("asks why about the last question", () => {
    expect(readFollowUp("why?", last("Does WhatsApp share data with Facebook?"))).toEqual({
      kind: "ask",
      question: "why does WhatsApp share data with Facebook?",
      reason: "why",
    });
  });

  it("leaves a new question alone", () => {
    expect(readFollowUp("what does X collect?", last("Who owns WhatsApp?"))).toBeUndefined();
    expect(readFollowUp("and Meta?", undefined)).toBeUndefined();
  });
});
