import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `path` below it (e.g. ['edges', 'node',
 * 'openActions']), through aliases, inline fragments and named fragments. Used to read, in a
 * list's own statement, what its fields will ask for; a wrong "no" costs a query, never data.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const sets = info.fieldNodes.map((node) => node.selectionSet).filter(isSet);
  return sets.some((set) => selects(set, path, info, 0));
}

function isSet(set: SelectionSetNode | undefined): set is SelectionSetNode {
  return set !== undefined;
}

function selects(
  set: SelectionSetNode,
  path: readonly string[],
  info: GraphQLResolveInfo,
  depth: number,
): boolean {
  if (depth > 20) return false;
  const [head, ...rest] = path;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== head) continue;
      if (rest.length === 0) return true;
      if (selection.selectionSet && selects(selection.selectionSet, rest, info, depth + 1)) {
        return true;
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selects(selection.selectionSet, path, info, depth + 1)) return true;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && selects(fragment.selectionSet, path, info, depth + 1)) return true;
    }
  }
  return false;
}
