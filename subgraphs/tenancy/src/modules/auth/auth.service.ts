import type { SubgraphRuntime } from '@kantoor/platform';

export class AuthService {
  constructor(private readonly runtime: SubgraphRuntime) {}
}
