import type { SubgraphRuntime } from '@kantoor/platform';

export class LinkService {
  constructor(private readonly runtime: SubgraphRuntime) {}
}
