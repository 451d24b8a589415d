/**
 * The import line of every row a writer inserted, by row id (ids only grow). A row whose id is
 * here was inserted earlier in the same import, so a repeat of its key is a duplicate — found
 * without recording every key in the seen table (a tenth of a ticket import's time). Holds 4
 * bytes per inserted row; ids inserted meanwhile by other connections stay empty.
 */
export class InsertedLines {
  private base = -1;
  private size = 0;
  private lines = new Int32Array(0);

  set(id: number, line: number): void {
    if (this.base < 0) this.base = id;
    const at = id - this.base;
    if (at >= this.lines.length) {
      const grown = new Int32Array(Math.max(1024, 2 * this.lines.length, at + 1));
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[at] = line + 1; // 0 means "not inserted here"
    this.size = Math.max(this.size, at + 1);
  }

  get(id: number): number | undefined {
    const at = id - this.base;
    if (this.base < 0 || at < 0 || at >= this.size || this.lines[at] === 0) return undefined;
    return this.lines[at] - 1;
  }

  /** A mark to roll back to when the batch that follows fails (its ids are gone and may be reused). */
  mark(): number {
    return this.size;
  }

  rollback(mark: number): void {
    this.lines.fill(0, mark, this.size);
    this.size = mark;
  }
}
