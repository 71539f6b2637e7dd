// Prints the plain closing line "tests: N passed, N failed[, N skipped]" from vitest's JSON results.
import { readFileSync } from "node:fs";
const r = JSON.parse(readFileSync(new URL("../test-output/vitest-results.json", import.meta.url), "utf8"));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = r.numFailedTests > 0 || r.numTotalTests === 0 ? 1 : 0;
