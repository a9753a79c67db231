/**
 * Progress for long steps, on stderr so that stdout stays the report (and its last line the
 * JSON). On a terminal it redraws one line; otherwise it prints a line every ~10%.
 */

/** Reports `done` out of `total` for a named step; call `end()` when finished. */
export class Progress {
  private lastPrinted = -1;
  private readonly started = performance.now();
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {}

  update(done: number): void {
    const tenth = Math.floor((10 * done) / this.total);
    if (this.tty) {
      const pct = ((100 * done) / this.total).toFixed(0);
      process.stderr.write(`\r  ${this.label}: ${pct}% (${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')})   `);
    } else if (tenth > this.lastPrinted) {
      this.lastPrinted = tenth;
      process.stderr.write(`  ${this.label}: ${tenth * 10}%\n`);
    }
  }

  end(): void {
    const s = ((performance.now() - this.started) / 1000).toFixed(1);
    process.stderr.write(`${this.tty ? '\r' : ''}  ${this.label}: done in ${s} s${' '.repeat(20)}\n`);
  }
}

/** A one-line note on stderr about what is happening. */
export function note(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}
