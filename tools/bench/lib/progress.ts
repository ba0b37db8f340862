/** A one-line progress bar on stderr (plain line updates when stderr is not a terminal). */
export function progressBar(label: string): { update(done: number, total: number, extra?: string): void; end(message?: string): void } {
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  let lastPercent = -1;
  return {
    update(done, total, extra = '') {
      const now = Date.now();
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (tty ? now - lastPrint < 200 && done < total : percent < lastPercent + 10 && done < total) return;
      lastPrint = now;
      lastPercent = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${extra}`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    end(message) {
      if (tty) process.stderr.write('\n');
      if (message) process.stderr.write(`${message}\n`);
    },
  };
}
