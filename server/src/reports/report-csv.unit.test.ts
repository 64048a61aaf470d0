// A spreadsheet must read every cell of a report as text or a number, never as a formula.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './report-csv.ts';

describe('CSV cells', () => {
  it('defuses what a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 20 7946 0000')).toBe("'+44 20 7946 0000");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('=HYPERLINK("http://example.org","x")')).toBe('"\'=HYPERLINK(""http://example.org"",""x"")"');
  });

  it('quotes commas, quotes and line breaks; writes numbers and nothing plainly', () => {
    expect(csvCell('Practice, research and "theory"')).toBe('"Practice, research and ""theory"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(33.3)).toBe('33.3');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});
