// Fails when a vitest JSON report has a failed, skipped or to-do test, or no tests at all.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const report = JSON.parse(readFileSync(file, 'utf8'));
const { numTotalTests, numPassedTests, numFailedTests, numPendingTests, numTodoTests } = report;
console.log(
  `${file}: ${numPassedTests}/${numTotalTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped, ${numTodoTests} to do`,
);
if (
  !report.success ||
  numTotalTests === 0 ||
  numFailedTests > 0 ||
  numPendingTests > 0 ||
  numTodoTests > 0 ||
  numPassedTests !== numTotalTests
) {
  console.error('The suite must pass in full, with nothing skipped.');
  process.exit(1);
}
