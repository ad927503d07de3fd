/** The parameters of a statement being built: each value added is numbered ($1, $2, ...) in order. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
