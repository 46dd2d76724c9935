// Types for track-lead.js (the module beside this file): import from "clerk-dub-track-lead" (or
// "./track-lead.js") and TypeScript picks these up. Keep them in step with the module's exports: trackLead, alreadyTracked, dubCookieDomain.

/** The `status` of a successful answer from POST /api/track-lead. */
export type TrackLeadStatus = "tracked" | "duplicate" | "unknown_click" | "no_click" | "already_tracked";

/** What the service answers: `{ ok: true, status, clickId? }`, or `{ ok: false, error }` on an HTTP error. */
export type TrackLeadAnswer =
  | { ok: true; status: TrackLeadStatus; clickId?: string }
  | { ok: false; error: { code: string; message: string } };

/**
 * The signed-in user, as far as trackLead reads it: Clerk's `useUser().user` (a `UserResource`) fits, and so
 * does `{ publicMetadata }`. Only `publicMetadata.dubClickId` is read.
 */
export interface TrackLeadUser {
  readonly publicMetadata?: { readonly [key: string]: unknown } | null | undefined;
}

export interface TrackLeadOptions {
  /** URL of POST /api/track-lead; default "/api/track-lead" on this page's origin. */
  endpoint?: string | undefined;
  /**
   * Clerk's `useAuth().getToken` or `session.getToken`. Without it, or when it gives null, the request relies
   * on the `__session` cookie (same origin only).
   */
  getToken?: (() => Promise<string | null | undefined>) | undefined;
  /**
   * The Domain `dub_id` was set with, when Dub's script was given `cookieOptions.domain`; by default the one
   * Dub's script uses ("." + host without "www.", none on localhost). null: the cookie has no Domain.
   */
  cookieDomain?: string | null | undefined;
  /**
   * The signed-in user: when `user.publicMetadata.dubClickId` is a non-empty string, no request is made and
   * the result is `{ reload: false, status: "already_tracked", skipped: true }`. null or undefined: not known,
   * the request is made.
   */
  user?: TrackLeadUser | null | undefined;
  /**
   * How many times a 429 or 503 answer is retried, after waiting what its `Retry-After` asks for (seconds or an
   * HTTP date; without one, 1 s, then 2 s, ...). Default 2; 0: never. No other status is retried.
   */
  retries?: number | undefined;
  /**
   * The longest wait before a retry, in milliseconds; default 10000. An answer whose `Retry-After` asks for
   * longer is returned as it is, at once.
   */
  maxRetryWaitMs?: number | undefined;
}

export interface TrackLeadResult {
  /** The service wrote `dubClickId` into the user's public metadata: call `user.reload()`. */
  reload: boolean;
  /** The service's status when it succeeded (or "already_tracked" when skipped); null on an HTTP error. */
  status: TrackLeadStatus | null;
  /** The HTTP status of the answer; null when skipped. */
  httpStatus: number | null;
  /** The service's JSON answer (null when skipped, or when the answer was not JSON). */
  body: TrackLeadAnswer | null;
  /** No request was made: `options.user` already has `dubClickId`. */
  skipped: boolean;
}

/**
 * Calls POST /api/track-lead with the Clerk session token and, where the `dub_id` cookie can't travel to the
 * endpoint, the click id in the body. Network failures reject; HTTP errors resolve with `reload: false`
 * (429 and 503 after the retries). Needs a browser page: without one (server rendering, a worker) it rejects
 * with an Error that says so, unless `options.user` already has `dubClickId`.
 */
export function trackLead(options?: TrackLeadOptions): Promise<TrackLeadResult>;

/** Whether the user's public metadata already has a non-empty `dubClickId` (the lead was handled). */
export function alreadyTracked(user: TrackLeadUser | null | undefined): boolean;

/** The Domain Dub's script gives `dub_id` on this host: "." + host without "www.", undefined on localhost or an IP. */
export function dubCookieDomain(hostname: string): string | undefined;
