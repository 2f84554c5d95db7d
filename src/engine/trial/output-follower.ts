/**
 * Follows one of a trial's output files and hands over whole lines: the tailer reads bytes from
 * the saved offset, the splitter cuts them at `\n`, `\r\n` and `\r`.
 */
import { LineSplitter, type Line } from '../logs/line-splitter.js';
import { FileTailer } from '../logs/tailer.js';

export class OutputFollower {
  private readonly tailer: FileTailer;
  private readonly splitter: LineSplitter;

  constructor(
    path: string,
    offset: number,
    private readonly onLine: (line: Line) => void,
    onError: (error: Error) => void,
  ) {
    this.splitter = new LineSplitter(offset);
    this.tailer = new FileTailer(path, {
      offset,
      detectRotation: false,
      create: true,
      onChunk: (chunk) => {
        for (const line of this.splitter.push(chunk)) this.onLine(line);
      },
      onError,
    });
  }

  /** Resolves once the file exists and is watched (see FileTailer.start). */
  start(): Promise<void> {
    return this.tailer.start();
  }

  /** Reads to the end, hands over the last partial line, and stops. */
  async finish(): Promise<void> {
    await this.tailer.stop();
    for (const line of this.splitter.end()) this.onLine(line);
  }
}
