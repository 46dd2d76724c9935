// Types for react.js, the "clerk-dub-track-lead/react" subpath. Keep them in step with its exports: useTrackLead.

import type { TrackLeadOptions, TrackLeadResult, TrackLeadUser } from "./track-lead.js";

/**
 * The signed-in user as the hook reads it: Clerk's `useUser().user` (a `UserResource`) fits. `id` tells one user
 * from another (without it, each new object counts as a new user); `reload` is called when the service wrote
 * `dubClickId` into the user's public metadata.
 */
export interface UseTrackLeadUser extends TrackLeadUser {
  readonly id?: string | undefined;
  reload?: (() => Promise<unknown>) | undefined;
}

/** trackLead's options; `user` decides when the hook calls: once per user, nothing while it is null or undefined. */
export interface UseTrackLeadOptions extends TrackLeadOptions {
  user?: UseTrackLeadUser | null | undefined;
}

/**
 * Where the hook stands. idle: no user (not loaded, signed out); pending: the call (and the user's reload) is under
 * way; success: the service answered a status (or the user already had `dubClickId`: `result.skipped`); error: the
 * call rejected (`result` null), the service answered an HTTP error (`result` holds it, `error` names its status and
 * code), or `user.reload()` failed (`result` holds the service's answer).
 */
export type TrackLeadState =
  | { status: "idle"; result: null; error: null }
  | { status: "pending"; result: null; error: null }
  | { status: "success"; result: TrackLeadResult; error: null }
  | { status: "error"; result: TrackLeadResult | null; error: unknown };

/**
 * Calls trackLead once per signed-in user, from an effect, and `user.reload()` when the answer says to. Render it
 * once, inside `<ClerkProvider>`, e.g. in the component that renders Dub's `<Analytics />`.
 */
export function useTrackLead(options: UseTrackLeadOptions): TrackLeadState;
