/** Saves `text` as a file through the browser's own download (no permission needed). */
export function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has taken its copy once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "authenticator-backup-2026-11-30.json": the date in the name tells backups apart. The local
 * date, as the computer's clock shows it: a backup made at 00:30 in the Netherlands is that day's,
 * not the day before (UTC).
 */
export function datedName(prefix: string, extension: string, now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return `${prefix}-${day}.${extension}`;
}
