/**
 * One SQL statement built from parts: numbered parameters and named CTEs, so that everything a
 * transition writes goes to the server in one round trip.
 */
export class Statement {
  readonly params: unknown[] = [];
  private readonly ctes: string[] = [];
  private readonly named = new Map<string, string>();

  /** A parameter placeholder for `value`, with an optional cast ('::jsonb'). */
  p(value: unknown, cast = ''): string {
    this.params.push(value);
    return `$${this.params.length}${cast}`;
  }

  /**
   * The placeholder of a value several parts share (the workflow id, the time), made on first use:
   * PostgreSQL refuses a parameter no part uses, and one used with two different types.
   */
  shared(name: string, value: unknown, cast: string): string {
    let placeholder = this.named.get(name);
    if (!placeholder) {
      placeholder = this.p(value, cast);
      this.named.set(name, placeholder);
    }
    return placeholder;
  }

  with(name: string, sql: string): void {
    this.ctes.push(`${name} AS (${sql})`);
  }

  get hasParts(): boolean {
    return this.ctes.length > 0;
  }

  text(finalQuery: string): string {
    return this.ctes.length > 0 ? `WITH ${this.ctes.join(',\n')}\n${finalQuery}` : finalQuery;
  }
}
