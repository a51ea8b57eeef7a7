/**
 * Files of the team's shared reference (../shared/domain next to the repository: the main
 * checkout's sibling, or two levels up from a worktree in /work/wt), for tests. Not a test.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The path of `relative` under shared/domain, or null when no copy is found. */
export function sharedDomainFile(relative: string): string | null {
  const candidates = [
    process.env.KANTOOR_SHARED_DIR,
    resolve(REPOSITORY_ROOT, '..', 'shared'),
    resolve(REPOSITORY_ROOT, '..', '..', 'shared'),
  ].filter((d): d is string => Boolean(d));
  return candidates.map((d) => resolve(d, 'domain', relative)).find((f) => existsSync(f)) ?? null;
}
