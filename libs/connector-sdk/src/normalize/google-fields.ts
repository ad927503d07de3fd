/** Google attributes by name, lowercase, without `g:`; a repeated attribute is an array. */
export type GoogleItemFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Reads attributes whether they came once (a string) or repeated (an array). */
export class GoogleFields {
  constructor(private readonly fields: GoogleItemFields) {}

  /** The first value of an attribute that is not blank; null when there is none. */
  one(name: string): string | null {
    return this.all(name).find((value) => value.trim() !== '') ?? null;
  }

  all(name: string): readonly string[] {
    const value = this.fields[name];
    if (value === undefined) return [];
    return (typeof value === 'string' ? [value] : value).filter((each) => typeof each === 'string');
  }
}
