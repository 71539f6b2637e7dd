import { describe, expect, it } from "vitest";
import { basename, matchNotes } from "../../src/eval/match.js";

describe("matchNotes", () => {
  it("matches exactly first, then by basename, and lists the rest", () => {
    const m = matchNotes(["d001.txt", "d002.txt", "d003.txt", "x/d004.txt"], ["../notes/d002.txt", "d001.txt", "../notes/d009.txt", "y\\d004.txt"]);
    expect(m.left).toEqual([
      { right: 1, method: "exact" },
      { right: 0, method: "basename" },
      { right: null, method: null },
      { right: 3, method: "basename" },
    ]);
    expect(m.unmatchedRight).toEqual([2]);
  });

  it("prefers an exact match over a basename match", () => {
    const m = matchNotes(["a/n.txt", "n.txt"], ["b/n.txt", "n.txt"]);
    // n.txt matches exactly; a/n.txt is then the only remaining left with basename n.txt, and b/n.txt the only right.
    expect(m.left).toEqual([
      { right: 0, method: "basename" },
      { right: 1, method: "exact" },
    ]);
  });

  it("does not guess when a basename is ambiguous", () => {
    const m = matchNotes(["n.txt"], ["a/n.txt", "b/n.txt"]);
    expect(m.left[0]).toEqual({ right: null, method: null, ambiguous: ["a/n.txt", "b/n.txt"] });
    expect(m.unmatchedRight).toEqual([0, 1]);
  });

  it("takes the last path segment for / and \\", () => {
    expect(basename("../shared/eval-dev/notes/d001.txt")).toBe("d001.txt");
    expect(basename("C:\\notes\\d001.txt")).toBe("d001.txt");
    expect(basename("rec-17")).toBe("rec-17");
  });
});
