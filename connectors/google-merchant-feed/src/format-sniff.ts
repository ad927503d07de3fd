/** What the first characters of a feed say it is: XML starts with '<' (after whitespace), anything else is TSV. */
export function sniffFormat(headText: string): 'xml' | 'tsv' | 'empty' {
  const start = headText.replace(/^\uFEFF/, '').trimStart();
  if (start.length === 0) return 'empty';
  return start.startsWith('<') ? 'xml' : 'tsv';
}
