/**
 * Turns CRLF into LF across chunk boundaries. csv-parse counts a CRLF inside a quoted field as
 * two lines, which would shift every later line number in the issue report.
 */
export async function* toUnixLineEndings(text: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of text) {
    let joined = carry + chunk;
    carry = '';
    if (joined.endsWith('\r')) {
      carry = '\r';
      joined = joined.slice(0, -1);
    }
    if (joined.length > 0) yield joined.replace(/\r\n/g, '\n');
  }
  if (carry) yield carry;
}
