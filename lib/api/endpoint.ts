import type { z } from 'zod';
import type { Database } from '../../db/client';
import type { ApiKeyAccess } from '../domain/api-keys';
import type { MerchantScope } from '../server/scope';

// One REST endpoint, described once: its method and path, what it reads (query, path, body), what
// it answers, who may call it, and the handler. `serve` turns it into a Next route handler that
// checks and parses everything before the handler runs; `buildOpenApiDocument` turns the same
// description into the OpenAPI 3.1 document. The schemas are the ones the server actions and the
// scenario runner use (lib/validation, lib/engine), so the document cannot drift from the code.

/** The caller of an API request: a workspace's key, never a person. */
export interface ApiCaller {
  keyId: string;
  access: ApiKeyAccess;
  /** the workspace the key belongs to, as the services take it (userId null: a key acts) */
  scope: MerchantScope;
}

export interface ApiContext<Q, P, B> {
  caller: ApiCaller;
  db: Database;
  query: Q;
  params: P;
  body: B;
  /** the request's clock, read once */
  now: Date;
  request: Request;
}

export type HttpMethod = 'get' | 'post';

type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointSpec<Q extends AnySchema | undefined, P extends AnySchema | undefined, B extends AnySchema | undefined, R extends AnySchema> {
  method: HttpMethod;
  /** OpenAPI path under /api/v1, with `{param}` segments: '/programs/{id}' */
  path: string;
  /** unique, camelCase: 'listPrograms' */
  operationId: string;
  summary: string;
  /** plain words: what it does, what is refused and why */
  description?: string;
  tag: string;
  /** read: any key; write: read_write keys only (POSTs are always write) */
  access: 'read' | 'write';
  query?: Q;
  params?: P;
  body?: B;
  response: R;
  /** 200 unless it creates (201) */
  status?: 200 | 201;
  /** example request body for the reference page's curl and Node snippets */
  example?: unknown;
  handle: (ctx: ApiContext<Out<Q>, Out<P>, Out<B>>) => Promise<z.input<R>>;
}

export type Endpoint = EndpointSpec<AnySchema | undefined, AnySchema | undefined, AnySchema | undefined, AnySchema>;

/** Identity with inference: `defineEndpoint({...})` types the handler's query, params and body. */
export function defineEndpoint<Q extends AnySchema | undefined = undefined, P extends AnySchema | undefined = undefined, B extends AnySchema | undefined = undefined, R extends AnySchema = AnySchema>(
  spec: EndpointSpec<Q, P, B, R>,
): Endpoint {
  return spec as unknown as Endpoint;
}

/**
 * A route under /api/v1 that is not called with an API key (the signed events endpoint, the
 * Stripe and Shopify webhooks): described for the document, served by its own handler.
 */
export interface ExternalEndpoint {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  /** the headers that authenticate it instead of a key (none: public) */
  headers?: AnySchema;
  body?: AnySchema;
  response: AnySchema;
}
