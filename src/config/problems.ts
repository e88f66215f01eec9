/** One thing wrong with a config file: where it is and what to do about it. */
export type ConfigProblem = Readonly<{
  file: string;
  line?: number;
  column?: number;
  /** e.g. `sources[1].interval` */
  key?: string;
  message: string;
}>;

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.key ? `${where}: ${problem.key}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Thrown when a config file cannot be used; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}
