/** Where a command writes: results to stdout, progress and problems to stderr. */
export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
  readonly stderr: NodeJS.WriteStream;
}

export const processIO: CommandIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  stderr: process.stderr,
};
