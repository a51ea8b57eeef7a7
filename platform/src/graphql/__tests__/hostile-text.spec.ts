import { parse } from 'graphql';
import { hostileLiteral, hostileVariablePath, isHostileText } from '../hostile-text';

describe('hostile text in variables', () => {
  test('the path of the first NUL byte or lone surrogate, through objects and arrays', () => {
    expect(hostileVariablePath({ input: { name: 'Bakkerij\u0000' } })).toEqual(['input', 'name']);
    expect(
      hostileVariablePath({ representations: [{ id: 'a' }, { id: 'b', name: 'x\uD800' }] }),
    ).toEqual(['representations', 1, 'name']);
    expect(hostileVariablePath({ lines: [[1, 2, null, true, ['ok', '\uDC00']]] })).toEqual([
      'lines',
      0,
      4,
      1,
    ]);
    // A hostile key is found too (its path ends at the key).
    expect(hostileVariablePath({ input: { ['k\u0000']: 1 } })).toEqual(['input', 'k\u0000']);
  });

  test('clean variables, numbers, booleans and paired surrogates pass', () => {
    const big = {
      representations: Array.from({ length: 1000 }, (_, i) => ({ __typename: 'A', id: `${i}` })),
      amounts: Array.from({ length: 1000 }, (_, i) => i / 10),
      flag: true,
      nothing: null,
      emoji: 'Taart \uD83C\uDF82',
    };
    expect(hostileVariablePath(big)).toBeNull();
    expect(hostileVariablePath({})).toBeNull();
    expect(isHostileText('Taart \uD83C\uDF82')).toBe(false);
  });

  test('a string literal of the document; the same document answers the same twice', () => {
    const bad = parse('{ administrations(filter: { search: "a\\u0000b" }) { totalCount } }');
    const good = parse('{ administrations(filter: { search: "ab" }) { totalCount } }');
    expect(hostileLiteral(bad)).toBe(true);
    expect(hostileLiteral(bad)).toBe(true);
    expect(hostileLiteral(good)).toBe(false);
    expect(hostileLiteral(good)).toBe(false);
  });
});
