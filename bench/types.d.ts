/** Just enough types for the bench's devDependencies that ship none. */
declare module 'express' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';
  export interface Request extends IncomingMessage {
    ip?: string;
    /** Set by the peer's auth middleware. */
    user?: { sub: string };
  }
  export interface Response extends ServerResponse {
    status(code: number): Response;
    json(body: unknown): Response;
  }
  export type NextFunction = (error?: unknown) => void;
  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Application {
    use(...handlers: RequestHandler[]): Application;
    get(path: string, ...handlers: RequestHandler[]): Application;
    listen(port: number, host: string, callback: () => void): Server;
  }
  interface Express {
    (): Application;
    json(): RequestHandler;
  }
  const express: Express;
  export default express;
}

declare module 'jsonwebtoken' {
  interface VerifyOptions {
    algorithms: string[];
    issuer?: string;
    audience?: string;
  }
  const jwt: { verify(token: string, key: string, options: VerifyOptions): string | Record<string, unknown> };
  export default jwt;
}

declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    timeout?: number;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }
  interface Result {
    duration: number;
    latency: Histogram;
    requests: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
