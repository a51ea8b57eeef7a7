import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Descriptions are what a client reads in GraphiQL and in generated code (issue 16): every
 * type, field, argument, input field and enum value of schema/api.graphql (the schema the
 * gateway serves; schema:check keeps it equal to the code) should say what it is. The test
 * computes the coverage per category, prints the weakest items, and fails under the floor.
 */
const API_SCHEMA = buildSchema(
  readFileSync(join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'),
);

/**
 * Overall floor and per-category floor (share of described items). Every item is described
 * today; the floors leave room for a rare new field, not for an undescribed module.
 */
const OVERALL_FLOOR = 0.95;
const CATEGORY_FLOOR = 0.9;

const CATEGORIES = ['types', 'fields', 'arguments', 'inputFields', 'enumValues'] as const;
type Category = (typeof CATEGORIES)[number];

interface Coverage {
  described: Record<Category, number>;
  total: Record<Category, number>;
  /** Coordinates (Type, Type.field, Type.field(arg:), Enum.VALUE) without a description. */
  missing: Record<Category, string[]>;
}

/**
 * Not counted: introspection (__*), graphql's built-in scalars (their meaning is the spec's),
 * the root operation types (entry points whose fields carry the descriptions) and anything of
 * federation (_entities, _service, _Any, link__*, join__*) should the printed schema show it.
 */
function counted(type: GraphQLNamedType, schema: GraphQLSchema): boolean {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return !(
    type.name.startsWith('__') ||
    isSpecifiedScalarType(type) ||
    roots.includes(type as never) ||
    /^(_Any|_Entity|_Service|link__|join__)/.test(type.name)
  );
}

const FEDERATION_FIELDS = new Set(['_entities', '_service']);

function hasText(description: string | null | undefined): boolean {
  return (description ?? '').trim().length > 0;
}

export function descriptionCoverage(schema: GraphQLSchema): Coverage {
  const coverage: Coverage = {
    described: { types: 0, fields: 0, arguments: 0, inputFields: 0, enumValues: 0 },
    total: { types: 0, fields: 0, arguments: 0, inputFields: 0, enumValues: 0 },
    missing: { types: [], fields: [], arguments: [], inputFields: [], enumValues: [] },
  };
  const count = (category: Category, coordinate: string, description?: string | null) => {
    coverage.total[category] += 1;
    if (hasText(description)) coverage.described[category] += 1;
    else coverage.missing[category].push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    const isRoot = [schema.getQueryType(), schema.getMutationType()].includes(type as never);
    if (!isRoot && !counted(type, schema)) continue;
    if (!isRoot) count('types', type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (FEDERATION_FIELDS.has(field.name)) continue;
        count('fields', `${type.name}.${field.name}`, field.description);
        for (const arg of field.args) {
          count('arguments', `${type.name}.${field.name}(${arg.name}:)`, arg.description);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        count('inputFields', `${type.name}.${field.name}`, field.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        count('enumValues', `${type.name}.${value.name}`, value.description);
      }
    }
  }
  return coverage;
}

const ratio = (described: number, total: number) => (total === 0 ? 1 : described / total);
const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

describe('descriptions of schema/api.graphql', () => {
  const coverage = descriptionCoverage(API_SCHEMA);
  const sum = (r: Record<Category, number>) => CATEGORIES.reduce((s, c) => s + r[c], 0);
  const overall = ratio(sum(coverage.described), sum(coverage.total));

  beforeAll(() => {
    const rows = [...CATEGORIES]
      .map((c) => ({ c, r: ratio(coverage.described[c], coverage.total[c]) }))
      .sort((a, b) => a.r - b.r)
      .map(
        ({ c, r }) =>
          `  ${c.padEnd(12)} ${percent(r).padStart(6)}  (${coverage.described[c]}/${coverage.total[c]})` +
          (coverage.missing[c].length > 0
            ? `\n    missing: ${coverage.missing[c].slice(0, 15).join(', ')}${coverage.missing[c].length > 15 ? `, … ${coverage.missing[c].length - 15} more` : ''}`
            : ''),
      );
    console.log(
      `Description coverage ${percent(overall)} overall; weakest first:\n${rows.join('\n')}`,
    );
  });

  test(`overall coverage is at least ${percent(OVERALL_FLOOR)}`, () => {
    expect(overall).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  test.each(CATEGORIES)(`%s coverage is at least ${percent(CATEGORY_FLOOR)}`, (category) => {
    const r = ratio(coverage.described[category], coverage.total[category]);
    // On failure the message names what lacks a description.
    expect({
      category,
      coverage: percent(r),
      missing: r >= CATEGORY_FLOOR ? [] : coverage.missing[category],
    }).toEqual({
      category,
      coverage: percent(r),
      missing: [],
    });
  });

  test('the counter sees what it should: a described and an undescribed item of each kind', () => {
    const probe = buildSchema(`
      "A thing." type Thing { "Its name." name(upper: Boolean, "Max length." max: Int): String id: ID }
      type Query { thing: Thing }
      input Filter { "Match." search: String limit: Int }
      "Colours." enum Colour { "Red." RED BLUE }
      scalar Money
      type _Service { sdl: String }
    `);
    const c = descriptionCoverage(probe);
    expect(c.total).toEqual({ types: 4, fields: 3, arguments: 2, inputFields: 2, enumValues: 2 });
    expect(c.missing).toEqual({
      types: ['Filter', 'Money'],
      fields: ['Thing.id', 'Query.thing'],
      arguments: ['Thing.name(upper:)'],
      inputFields: ['Filter.limit'],
      enumValues: ['Colour.BLUE'],
    });
  });
});
