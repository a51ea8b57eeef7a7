/**
 * A small typed client for Kantoor without a GraphQL client library: the documents and their
 * result and variable types come from graphql-codegen (`npx graphql-codegen --config
 * codegen.ts` in this folder writes generated/). docs/clients.md shows the same with Apollo
 * Client. test/client-examples.spec.ts generates, type-checks and runs this file against the
 * real gateway.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import {
  AdministrationOverviewDocument,
  AdministrationsDocument,
  LoginDocument,
  PostJournalEntryDocument,
  RefreshTokenDocument,
  type AdministrationOverviewQuery,
  type AdministrationsQuery,
  type PostJournalEntryInput,
  type PostJournalEntryMutation,
} from './generated/graphql';

export interface GraphQLErrorItem {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** What the gateway answers: data (possibly partial) and errors, each for one path. */
export interface Result<D> {
  data?: D | null;
  errors?: GraphQLErrorItem[];
}

export interface Session {
  token: string;
  refreshToken: string | null;
}

export class KantoorClient {
  constructor(
    private readonly url: string,
    public session: Session | null = null,
  ) {}

  /** One operation; on a 401 with a refresh token it refreshes once and retries. */
  async request<D, V>(document: TypedDocumentNode<D, V>, variables: V): Promise<Result<D>> {
    const first = await this.send(document, variables);
    if (first.status !== 401 || !this.session?.refreshToken) return first.body;
    if (!(await this.refresh())) return first.body;
    return (await this.send(document, variables)).body;
  }

  async login(email: string, password: string): Promise<string[]> {
    const { data, errors } = await this.request(LoginDocument, { email, password });
    const payload = data?.login;
    if (payload?.token) {
      this.session = { token: payload.token, refreshToken: payload.refreshToken ?? null };
      return [];
    }
    return [...(payload?.userErrors.map((e) => e.code) ?? []), ...codesOf(errors)];
  }

  /** Trades the refresh token for a new pair; false when the session is over (log in again). */
  async refresh(): Promise<boolean> {
    const refreshToken = this.session?.refreshToken;
    if (!refreshToken) return false;
    this.session = null; // The refresh token is used up, whatever the answer.
    const { data } = await this.request(RefreshTokenDocument, { refreshToken });
    const payload = data?.refreshToken;
    if (!payload?.token) return false;
    this.session = { token: payload.token, refreshToken: payload.refreshToken ?? null };
    return true;
  }

  /** Every administration the viewer may open, page by page. */
  async allAdministrationNames(pageSize = 50): Promise<string[]> {
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: Result<AdministrationsQuery> = await this.request(
        AdministrationsDocument,
        { first: pageSize, after },
      );
      if (!data) throw new Error(`administrations failed: ${codesOf(errors).join(', ')}`);
      names.push(...data.administrations.edges.map((edge) => edge.node.name));
      if (!data.administrations.pageInfo.hasNextPage) return names;
      after = data.administrations.pageInfo.endCursor;
    }
  }

  /**
   * Partial answers are normal: a field the viewer may not read is null with a FORBIDDEN error
   * for its path, and the rest of the data is there (Apollo Client: errorPolicy 'all').
   */
  async overview(id: string): Promise<{
    administration: AdministrationOverviewQuery['administration'];
    forbidden: string[];
  }> {
    const { data, errors } = await this.request(AdministrationOverviewDocument, { id });
    const forbidden = (errors ?? [])
      .filter((e) => e.extensions?.code === 'FORBIDDEN')
      .map((e) => (e.path ?? []).join('.'));
    return { administration: data?.administration ?? null, forbidden };
  }

  /** Posts once even when retried: the same idempotency key is sent on every attempt. */
  async postJournalEntry(
    input: Omit<PostJournalEntryInput, 'idempotencyKey'>,
    idempotencyKey: string = crypto.randomUUID(),
    attempts = 3,
  ): Promise<PostJournalEntryMutation['postJournalEntry']> {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      try {
        const { data, errors } = await this.request(PostJournalEntryDocument, {
          input: { ...input, idempotencyKey },
        });
        if (data) return data.postJournalEntry;
        lastError = new Error(codesOf(errors).join(', '));
      } catch (error) {
        lastError = error; // Network failure: the entry may or may not be booked; retry.
      }
    }
    throw lastError;
  }

  private async send<D, V>(
    document: TypedDocumentNode<D, V>,
    variables: V,
  ): Promise<{ status: number; body: Result<D> }> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.session ? { authorization: `Bearer ${this.session.token}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return { status: response.status, body: (await response.json()) as Result<D> };
  }
}

export function codesOf(errors: GraphQLErrorItem[] | undefined): string[] {
  return (errors ?? []).map((e) => e.extensions?.code ?? 'UNKNOWN');
}
