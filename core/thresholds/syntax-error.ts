/** A malformed threshold expression or key, pointing at the 0-based column where it went wrong. */
export class ThresholdSyntaxError extends Error {
  readonly input: string;
  readonly column: number;
  readonly reason: string;

  constructor(input: string, column: number, reason: string) {
    super(`column ${column}: ${reason}`);
    this.name = 'ThresholdSyntaxError';
    this.input = input;
    this.column = column;
    this.reason = reason;
  }

  /** The input and a caret under the column: two lines for terminals and reports. */
  get caretLine(): string {
    return `${this.input}\n${' '.repeat(this.column)}^`;
  }
}
