import { fieldsWithoutRule } from '@kantoor/platform';
import { isNonNullType, isObjectType } from 'graphql';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';

/**
 * Deny by default, kept honest: every field of every object type in every subgraph has
 * an explicit rule (a field rule or the type's '*').
 */
describe.each(ALL_SUBGRAPHS.map((d) => [d.name, d] as const))(
  '%s subgraph',
  (_name, definition) => {
    test('every field and mutation has an explicit rule', async () => {
      const schema = await definition.buildSchema();
      expect(fieldsWithoutRule(schema, definition.rules)).toEqual([]);
    });

    test('fields extending Administration from another subgraph are nullable (FORBIDDEN nulls only them)', async () => {
      if (definition.name === 'tenancy') return;
      const schema = await definition.buildSchema();
      const administration = schema.getType('Administration');
      if (!administration || !isObjectType(administration)) return;
      const guarded = Object.values(administration.getFields()).filter((f) => f.name !== 'id');
      expect(guarded.length).toBeGreaterThan(0);
      for (const field of guarded)
        expect([field.name, isNonNullType(field.type)]).toEqual([field.name, false]);
    });
  },
);
