/**
 * Offers `content` as a file the person saves (browser mode: the browser's download; the
 * desktop app: Electron's save dialog). Nothing touches a server's disk: the bytes are already
 * in the window.
 */
export function offerDownload(fileName: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; the next task is late enough.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
