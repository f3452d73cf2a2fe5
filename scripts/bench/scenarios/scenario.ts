import type { BenchResult } from '../lib/results';
import type { StackOptions } from '../lib/stack';

/** What every scenario gets: where to log, and (under jest) the test run's servers instead of its own. */
export interface ScenarioContext {
  log: (message: string) => void;
  servers?: StackOptions['servers'];
  /** Where result files go; null writes none (the tiny runs under jest). */
  resultsDir: string | null;
}

/** What every scenario hands back: its figures, the table it printed, its markdown, and its correctness checks. */
export interface ScenarioOutput {
  result: BenchResult;
  table: string;
  markdown: string;
  /** Problems found by the correctness checks (every case completed, every visit paid once); empty when none. */
  problems: string[];
  files: { json: string; markdown: string } | null;
}
