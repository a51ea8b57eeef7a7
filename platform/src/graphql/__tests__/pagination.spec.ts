import { GraphQLError } from 'graphql';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageInfo,
  pageSize,
  toPage,
  type CursorKey,
} from '../pagination';

function expectBadUserInput(fn: () => unknown, message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(GraphQLError);
  expect((caught as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  if (message) expect((caught as GraphQLError).message).toMatch(message);
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

describe('cursors', () => {
  it.each<[string, CursorKey]>([
    ['a name and an id', ['Acme B.V.', '0b7a1c1e-9a53-4b55-8c4c-2a2b3f1d5e6f']],
    ['a number', [42]],
    ['a negative decimal', [-12.5, 'x']],
    ['unicode and quotes', ['Café "De Kroon" 🍺', 'a/b+c=d']],
    ['an empty string', ['']],
  ])('round-trips %s', (_label, key) => {
    const cursor = encodeCursor(key);
    expect(decodeCursor(cursor, key.length)).toEqual(key);
  });

  it('is opaque and URL-safe (base64url, no padding)', () => {
    const cursor = encodeCursor(['???>>>', 'ÿÿÿ']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('???');
  });

  it('orders nothing itself: different keys give different cursors', () => {
    expect(encodeCursor(['a', '1'])).not.toBe(encodeCursor(['a', '2']));
  });

  it.each([
    ['garbage', '!!!not a cursor!!!'],
    ['an empty string', ''],
    ['base64 of non-JSON', base64url('hello')],
    ['a JSON object', base64url('{"name":"a","id":"1"}')],
    ['a JSON string', base64url('"a"')],
    ['a JSON number', base64url('1')],
    ['null', base64url('null')],
    ['an array with a boolean', base64url('[true,"1"]')],
    ['an array with null', base64url('[null,"1"]')],
    ['an array with a nested array', base64url('[["a"],"1"]')],
    ['an array with an object', base64url('[{"a":1},"1"]')],
  ])('rejects %s with BAD_USER_INPUT', (_label, cursor) => {
    expectBadUserInput(() => decodeCursor(cursor, 2), /Invalid cursor/);
  });

  it('rejects a cursor of the wrong length with BAD_USER_INPUT', () => {
    const twoParts = encodeCursor(['Acme', 'id-1']);
    expect(decodeCursor(twoParts, 2)).toEqual(['Acme', 'id-1']);
    expectBadUserInput(() => decodeCursor(twoParts, 1));
    expectBadUserInput(() => decodeCursor(twoParts, 3));
    expectBadUserInput(() => decodeCursor(encodeCursor([]), 1));
  });
});

describe('pageSize', () => {
  it('defaults to DEFAULT_PAGE_SIZE when first is absent', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(null)).toBe(DEFAULT_PAGE_SIZE);
  });

  it('accepts every integer from 0 to MAX_PAGE_SIZE', () => {
    expect(MAX_PAGE_SIZE).toBe(500);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(25)).toBe(25);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    // The doc comment says 1..MAX_PAGE_SIZE, the code (and its message) allows 0: see the report.
    expect(pageSize(0)).toBe(0);
  });

  it.each([
    ['above the maximum', MAX_PAGE_SIZE + 1],
    ['negative', -1],
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s with BAD_USER_INPUT', (_label, first) => {
    expectBadUserInput(() => pageSize(first), /first must be between 0 and 500/);
  });
});

describe('toPage', () => {
  interface Row {
    name: string;
    id: string;
  }
  const keyOf = (row: Row): CursorKey => [row.name, row.id];
  const rows: Row[] = [
    { name: 'a', id: '1' },
    { name: 'b', id: '2' },
    { name: 'c', id: '3' },
  ];

  it('with first + 1 rows fetched: hasNextPage, and the extra row is not returned', () => {
    const page = toPage(rows, 2, keyOf, 10, false);
    expect(page.edges.map((e) => e.node)).toEqual([rows[0], rows[1]]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    // endCursor points at the last returned node, never at the look-ahead row.
    expect(page.pageInfo.endCursor).toBe(encodeCursor(['b', '2']));
    expect(page.pageInfo.startCursor).toBe(encodeCursor(['a', '1']));
    expect(page.totalCount).toBe(10);
  });

  it('with exactly first rows: no next page', () => {
    const page = toPage(rows, 3, keyOf, 3, false);
    expect(page.edges).toHaveLength(3);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.pageInfo.endCursor).toBe(encodeCursor(['c', '3']));
  });

  it('with fewer rows than first: no next page', () => {
    const page = toPage(rows.slice(0, 1), 5, keyOf, 1, true);
    expect(page.edges).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.pageInfo.startCursor).toBe(page.pageInfo.endCursor);
  });

  it('empty: null cursors, no next page', () => {
    const page = toPage<Row>([], 5, keyOf, 0, false);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    expect(page.totalCount).toBe(0);
  });

  it('every edge cursor decodes to the key of its node, so the next page can start after it', () => {
    const page = toPage(rows, 2, keyOf, 3, false);
    for (const edge of page.edges) {
      expect(decodeCursor(edge.cursor, 2)).toEqual(keyOf(edge.node));
    }
    const next = decodeCursor(page.pageInfo.endCursor!, 2);
    const remaining = rows.filter((r) => `${r.name}|${r.id}` > `${next[0]}|${next[1]}`);
    expect(toPage(remaining, 2, keyOf, 3, true).edges.map((e) => e.node.id)).toEqual(['3']);
  });

  it('first = 0 gives an empty page that still reports whether rows exist', () => {
    const page = toPage(rows.slice(0, 1), 0, keyOf, 3, false);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.pageInfo.endCursor).toBeNull();
  });

  it('pageInfo is a PageInfo instance (the type-graphql object type)', () => {
    expect(toPage(rows, 1, keyOf, 3, false).pageInfo).toBeInstanceOf(PageInfo);
  });
});
