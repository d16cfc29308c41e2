/**
 * Numbers the webview's `compare` requests. Replies can arrive out of order (a run with a long
 * metrics file answers late), so only the reply to the newest request is applied.
 */
export class CompareRequests {
  private latest: number | undefined;

  next(): number {
    this.latest = (this.latest ?? 0) + 1;
    return this.latest;
  }

  isLatest(requestId: number): boolean {
    return requestId === this.latest;
  }
}
