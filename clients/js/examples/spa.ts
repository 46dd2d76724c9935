// The README's plain SPA example, type-checked by `npm run typecheck` (tsc --strict) against Clerk's types.
import type { UserResource } from "@clerk/shared/types";
import { alreadyTracked, dubCookieDomain, trackLead } from "clerk-dub-track-lead";
import type { TrackLeadResult } from "clerk-dub-track-lead";

/** What a Clerk instance offers once loaded (ClerkJS's `window.Clerk`), as far as this page reads it. */
interface LoadedClerk {
  user: UserResource | null | undefined;
  session: { getToken(): Promise<string | null> } | null | undefined;
}

export async function afterSignIn(clerk: LoadedClerk): Promise<TrackLeadResult | null> {
  const user = clerk.user;
  if (!user || alreadyTracked(user)) return null;
  const result = await trackLead({
    endpoint: "https://leads.example.com/api/track-lead",
    getToken: () => clerk.session?.getToken() ?? Promise.resolve(null),
    user,
    retries: 1,
    maxRetryWaitMs: 5_000,
    cookieDomain: dubCookieDomain("www.example.com") ?? null,
  });
  if (result.reload) await user.reload();
  return result;
}
