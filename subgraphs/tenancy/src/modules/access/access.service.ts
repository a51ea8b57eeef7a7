import type { SubgraphRuntime } from '@kantoor/platform';

export class AccessService {
  constructor(private readonly runtime: SubgraphRuntime) {}
}
