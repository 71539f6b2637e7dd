import { describe, expect, it } from "vitest";
import { classifyMention } from "../../src/context/index.js";

function at(text: string, mention: string) {
  const start = text.indexOf(mention);
  return classifyMention(text, { start, end: start + mention.length });
}

describe("'call' in instructions vs a label", () => {
  it("'Call also for any fever' is hypothetical", () => {
    expect(at("Call also for any weight gain, nausea or fever.", "fever").temporality).toBe("hypothetical");
  });
  it("'Reason for call:' is not", () => {
    expect(at("Reason for call: fever and back pain since Monday.", "fever").temporality).toBe("current");
  });
});
