/** Where CLI commands write: injectable so tests can capture output. */
export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress for long work; goes to stderr so stdout stays machine-readable. */
  progress: (text: string) => void;
};

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progress: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  },
};
