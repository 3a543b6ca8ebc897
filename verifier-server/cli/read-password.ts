import { createInterface } from 'node:readline';
import type { CliIo } from './run-cli';

/** Reads one line from standard input (a prompt is shown when it is a terminal). Never echoed to a log. */
export async function readPassword(io: Pick<CliIo, 'input' | 'err'>): Promise<string> {
  const tty = 'isTTY' in io.input && io.input.isTTY === true;
  if (tty) io.err.write('Password: ');
  const rl = createInterface({ input: io.input, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
    return '';
  } finally {
    rl.close();
  }
}
