// The README's React / Next.js component, type-checked by `npm run typecheck` against Clerk's own types
// (tsc --strict): Clerk's useAuth().getToken and useUser().user must fit useTrackLead's options as they are.
"use client";

import { useAuth, useUser } from "@clerk/clerk-react"; // or @clerk/nextjs
import type { ReactNode } from "react";
import { useTrackLead } from "clerk-dub-track-lead/react";
import type { TrackLeadState } from "clerk-dub-track-lead/react";

// "/api/track-lead" when the service is served on the app's own host (a Next.js rewrite, see the README).
const ENDPOINT = "/api/track-lead";

export function DubAnalytics({ children }: { children?: ReactNode }) {
  const { user } = useUser();
  const { getToken } = useAuth();
  const { status, result, error } = useTrackLead({ endpoint: ENDPOINT, getToken, user });

  if (status === "error") {
    console.error("track-lead failed", result?.httpStatus, error);
  }
  // Narrowed by status: a success always has its result.
  const tracked: boolean = status === "success" && result.status === "tracked";
  return <>{tracked ? null : children}</>;
}

export function describe(state: TrackLeadState): string {
  switch (state.status) {
    case "idle":
    case "pending":
      return state.status;
    case "success":
      return state.result.skipped ? "already tracked" : `tracked: ${state.result.status}`;
    case "error":
      return `failed: ${String(state.error)}`;
  }
}
