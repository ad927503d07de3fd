import {
  interactiveMessage,
  LIST_MESSAGE_LIMITS,
  listMessage,
  type ListMessageInput,
  type ListSectionInput,
} from '#domain';
import { payloadError } from './payload-error.js';
import { expectCutWithEllipsis, SCRIPT_UNITS, textOfLength, textPast } from './text-samples.js';

const rows = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ id: `row-${from + i}`, title: `Row ${from + i}` }));

const BASE: ListMessageInput = {
  body: 'Which one do you want?',
  buttonLabel: 'See offers',
  sections: [{ rows: rows(2) }],
};

describe('listMessage', () => {
  it('builds the Cloud API list message shape', () => {
    const { payload, dropped } = listMessage({
      header: 'Phones',
      body: 'Pick a phone',
      footer: 'Prices include VAT',
      buttonLabel: 'Show phones',
      sections: [
        { title: 'Samsung', rows: [{ id: 'p1', title: 'Galaxy S24', description: '€ 899,00 · 3 offers' }] },
        { title: 'Apple', rows: [{ id: 'p2', title: 'iPhone 15' }] },
      ],
    });
    expect(dropped).toEqual({ sections: 0, rows: 0 });
    expect(JSON.parse(JSON.stringify(interactiveMessage('31612345678', payload)))).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '31612345678',
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Phones' },
        body: { text: 'Pick a phone' },
        footer: { text: 'Prices include VAT' },
        action: {
          button: 'Show phones',
          sections: [
            { title: 'Samsung', rows: [{ id: 'p1', title: 'Galaxy S24', description: '€ 899,00 · 3 offers' }] },
            { title: 'Apple', rows: [{ id: 'p2', title: 'iPhone 15' }] },
          ],
        },
      },
    });
  });

  it('leaves out absent or blank optional parts instead of sending empty ones', () => {
    const { payload } = listMessage({
      ...BASE,
      header: '  ',
      sections: [{ title: ' ', rows: [{ id: 'a', title: 'A', description: '' }] }],
    });
    expect(payload).toEqual({
      type: 'list',
      body: { text: 'Which one do you want?' },
      action: { button: 'See offers', sections: [{ rows: [{ id: 'a', title: 'A' }] }] },
    });
  });

  describe('text limits, at and just past each edge', () => {
    const cases: [
      string,
      number,
      (text: string) => ListMessageInput,
      (input: ReturnType<typeof listMessage>) => string,
    ][] = [
      ['body', LIST_MESSAGE_LIMITS.bodyText, (text) => ({ ...BASE, body: text }), ({ payload }) => payload.body.text],
      [
        'header',
        LIST_MESSAGE_LIMITS.headerText,
        (text) => ({ ...BASE, header: text }),
        ({ payload }) => payload.header!.text,
      ],
      [
        'footer',
        LIST_MESSAGE_LIMITS.footerText,
        (text) => ({ ...BASE, footer: text }),
        ({ payload }) => payload.footer!.text,
      ],
      [
        'button label',
        LIST_MESSAGE_LIMITS.buttonLabel,
        (text) => ({ ...BASE, buttonLabel: text }),
        ({ payload }) => payload.action.button,
      ],
      [
        'section title',
        LIST_MESSAGE_LIMITS.sectionTitle,
        (text) => ({ ...BASE, sections: [{ title: text, rows: rows(1) }] }),
        ({ payload }) => payload.action.sections[0].title!,
      ],
      [
        'row title',
        LIST_MESSAGE_LIMITS.rowTitle,
        (text) => ({ ...BASE, sections: [{ rows: [{ id: 'r', title: text }] }] }),
        ({ payload }) => payload.action.sections[0].rows[0].title,
      ],
      [
        'row description',
        LIST_MESSAGE_LIMITS.rowDescription,
        (text) => ({ ...BASE, sections: [{ rows: [{ id: 'r', title: 'R', description: text }] }] }),
        ({ payload }) => payload.action.sections[0].rows[0].description!,
      ],
    ];

    it('has the documented limits', () => {
      expect(cases.map(([name, limit]) => [name, limit])).toEqual([
        ['body', 4096],
        ['header', 60],
        ['footer', 60],
        ['button label', 20],
        ['section title', 24],
        ['row title', 24],
        ['row description', 72],
      ]);
    });

    describe.each(cases)('%s (limit %i)', (_name, limit, build, read) => {
      it.each(SCRIPT_UNITS)('keeps $name text at the limit whole and fits it just past', ({ unit }) => {
        const atLimit = textOfLength(unit, limit);
        expect(atLimit).toHaveLength(limit);
        expect(read(listMessage(build(atLimit)))).toBe(atLimit);
        const past = textPast(unit, limit);
        expect(past.length).toBeGreaterThan(limit);
        expectCutWithEllipsis(read(listMessage(build(past))), past, limit);
      });

      it('keeps words whole when it can', () => {
        const words = 'word '.repeat(Math.ceil(limit / 5) + 1);
        const fitted = read(listMessage(build(words)));
        expect(fitted).toMatch(/^(word )*word…$/);
        expect(fitted.length).toBeLessThanOrEqual(limit);
      });
    });

    it('keeps an exactly 24-character ASCII row title whole and fits a 25-character one to 24', () => {
      const title = (text: string) =>
        listMessage({ ...BASE, sections: [{ rows: [{ id: 'r', title: text }] }] }).payload.action.sections[0].rows[0]
          .title;
      expect(title('abcdefghijklmnopqrstuvwx')).toBe('abcdefghijklmnopqrstuvwx');
      expect(title('abcdefghijklmnopqrstuvwxy')).toBe('abcdefghijklmnopqrstuvw…');
      expect(title('Galaxy S24 Ultra Titanium')).toBe('Galaxy S24 Ultra…');
    });
  });

  describe('row and section caps', () => {
    it('keeps 10 rows and drops the 11th, in order', () => {
      expect(listMessage({ ...BASE, sections: [{ rows: rows(10) }] }).dropped).toEqual({ sections: 0, rows: 0 });
      const { payload, dropped } = listMessage({ ...BASE, sections: [{ rows: rows(11) }] });
      expect(dropped).toEqual({ sections: 0, rows: 1 });
      expect(payload.action.sections[0].rows.map((row) => row.id)).toEqual(rows(10).map((row) => row.id));
    });

    it('counts the 10 rows across all sections', () => {
      const sections: ListSectionInput[] = [
        { title: 'A', rows: rows(4, 0) },
        { title: 'B', rows: rows(4, 4) },
        { title: 'C', rows: rows(4, 8) },
        { title: 'D', rows: rows(1, 12) },
      ];
      const { payload, dropped } = listMessage({ ...BASE, sections });
      expect(payload.action.sections.map((section) => [section.title, section.rows.length])).toEqual([
        ['A', 4],
        ['B', 4],
        ['C', 2],
      ]);
      expect(dropped).toEqual({ sections: 1, rows: 3 });
    });

    it('keeps 10 sections and drops the 11th', () => {
      const sections = (count: number) =>
        Array.from({ length: count }, (_, i) => ({ title: `S${i}`, rows: rows(1, i) }));
      expect(listMessage({ ...BASE, sections: sections(10) }).dropped).toEqual({ sections: 0, rows: 0 });
      const { payload, dropped } = listMessage({ ...BASE, sections: sections(11) });
      expect(payload.action.sections).toHaveLength(10);
      expect(payload.action.sections.at(-1)?.title).toBe('S9');
      expect(dropped).toEqual({ sections: 1, rows: 1 });
    });

    it('drops empty sections and counts them', () => {
      const { payload, dropped } = listMessage({
        ...BASE,
        sections: [{ title: 'Empty', rows: [] }, { rows: rows(1) }],
      });
      expect(payload.action.sections).toEqual([{ rows: [{ id: 'row-0', title: 'Row 0' }] }]);
      expect(dropped).toEqual({ sections: 1, rows: 0 });
    });
  });

  describe('errors', () => {
    it('takes a row id of 200 characters and rejects one of 201, which cannot be cut', () => {
      const id200 = 'i'.repeat(LIST_MESSAGE_LIMITS.rowId);
      expect(
        listMessage({ ...BASE, sections: [{ rows: [{ id: id200, title: 'A' }] }] }).payload.action.sections[0].rows[0]
          .id,
      ).toBe(id200);
      const error = payloadError(() =>
        listMessage({ ...BASE, sections: [{ rows: [{ id: `${id200}i`, title: 'A' }] }] }),
      );
      expect(error.field).toBe('sections[0].rows[0].id');
      expect(error.message).toMatch(/201 characters.*limit is 200/);
    });

    it('counts a multi-byte row id in UTF-16 code units', () => {
      expect(() =>
        listMessage({ ...BASE, sections: [{ rows: [{ id: '😀'.repeat(100), title: 'A' }] }] }),
      ).not.toThrow();
      expect(
        payloadError(() => listMessage({ ...BASE, sections: [{ rows: [{ id: `${'😀'.repeat(100)}a`, title: 'A' }] }] }))
          .field,
      ).toBe('sections[0].rows[0].id');
    });

    it('rejects duplicate row ids, also across sections', () => {
      const error = payloadError(() =>
        listMessage({
          ...BASE,
          sections: [
            { title: 'A', rows: rows(2) },
            { title: 'B', rows: rows(1) },
          ],
        }),
      );
      expect(error.field).toBe('sections[1].rows[0].id');
      expect(error.message).toContain('sections[0].rows[0].id');
    });

    it('rejects blank ids and ids with surrounding whitespace', () => {
      expect(payloadError(() => listMessage({ ...BASE, sections: [{ rows: [{ id: '', title: 'A' }] }] })).field).toBe(
        'sections[0].rows[0].id',
      );
      expect(payloadError(() => listMessage({ ...BASE, sections: [{ rows: [{ id: ' a', title: 'A' }] }] })).field).toBe(
        'sections[0].rows[0].id',
      );
    });

    it('rejects a list without rows', () => {
      expect(payloadError(() => listMessage({ ...BASE, sections: [] })).message).toMatch(/at least one row/);
      expect(payloadError(() => listMessage({ ...BASE, sections: [{ title: 'A', rows: [] }] })).message).toMatch(
        /at least one row/,
      );
    });

    it('rejects several sections when one has no title, but not a single untitled section', () => {
      const error = payloadError(() =>
        listMessage({ ...BASE, sections: [{ title: 'A', rows: rows(1) }, { rows: rows(1, 1) }] }),
      );
      expect(error.field).toBe('sections[1].title');
      expect(() => listMessage({ ...BASE, sections: [{ rows: rows(3) }] })).not.toThrow();
    });

    it('rejects a blank body, button label or row title', () => {
      expect(payloadError(() => listMessage({ ...BASE, body: ' \n ' })).field).toBe('body');
      expect(payloadError(() => listMessage({ ...BASE, buttonLabel: '' })).field).toBe('buttonLabel');
      expect(payloadError(() => listMessage({ ...BASE, sections: [{ rows: [{ id: 'a', title: '  ' }] }] })).field).toBe(
        'sections[0].rows[0].title',
      );
    });
  });
});

describe('interactiveMessage', () => {
  it('rejects a blank recipient', () => {
    const { payload } = listMessage(BASE);
    expect(payloadError(() => interactiveMessage('  ', payload)).field).toBe('to');
    expect(interactiveMessage(' 15551234567 ', payload).to).toBe('15551234567');
  });
});
