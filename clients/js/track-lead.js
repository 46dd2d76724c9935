// track-lead.js: credits a signed-in Clerk user's sign-up to the Dub click that brought them.
// A dependency-free ES module for single-page apps; it calls the clerk-dub-leads service's
// POST /api/track-lead.
//
//   import { trackLead } from "clerk-dub-track-lead";
//   const { reload } = await trackLead({ endpoint: "https://api.example.com/api/track-lead", getToken, user });
//   if (reload) await user.reload();
//
// Types: track-lead.d.ts beside this file. React: react.js (the "clerk-dub-track-lead/react" subpath).
//
// Same site (the dub_id cookie reaches the endpoint): the browser sends dub_id, and __session when there
// is no token, and the service clears dub_id. Another site (the cookie can't travel): the click id goes
// in the body, and this module deletes dub_id itself once the service has used the click.
//
// Nothing here touches window or document until trackLead is called, so the module imports anywhere
// (server rendering, workers, Node); trackLead itself needs a page and says so when there is none.

const COOKIE = "dub_id";
/** The service told Dub about the click: dub_id has served its purpose. */
const CONSUMED = new Set(["tracked", "duplicate", "unknown_click"]);
/** The service wrote dubClickId into the user's public metadata: reload the Clerk user to see it. */
const METADATA_WRITTEN = new Set(["tracked", "duplicate", "unknown_click", "no_click"]);
/** The answers after which the same request may succeed later: the service sends Retry-After with them. */
const RETRIED = new Set([429, 503]);
/** Retries after the first attempt, by default: a page should not keep a user's sign-up waiting for long. */
const DEFAULT_RETRIES = 2;
/** The longest wait between attempts, by default; a longer Retry-After is not waited for. */
const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;
/** The first wait when the answer has no readable Retry-After (CORS hides it unless the service exposes it). */
const FALLBACK_WAIT_MS = 1_000;

/**
 * @param {object} options
 * @param {string} [options.endpoint] URL of POST /api/track-lead (default: on this page's origin)
 * @param {() => Promise<string|null|undefined>} [options.getToken] Clerk's session.getToken / useAuth().getToken;
 *   without it (or when it gives null) the request relies on the __session cookie, same-origin only
 * @param {string|null} [options.cookieDomain] the Domain dub_id was set with, when Dub's script was given
 *   cookieOptions.domain; by default the one Dub's script uses: "." + host without "www." (none on localhost)
 * @param {{publicMetadata?: object|null}|null} [options.user] the signed-in user, e.g. Clerk's useUser().user:
 *   when its publicMetadata.dubClickId is already set, nothing is sent (the lead was handled)
 * @param {number} [options.retries] how many times a 429 or 503 answer is retried (default 2; 0: never)
 * @param {number} [options.maxRetryWaitMs] the longest wait before a retry, in milliseconds (default 10000):
 *   an answer whose Retry-After asks for longer is returned as it is
 * @returns {Promise<{reload: boolean, status: string|null, httpStatus: number|null, body: any, skipped: boolean}>}
 *   reload: whether the caller should call user.reload(); status: the service's status when it succeeded
 *   (tracked, duplicate, unknown_click, no_click, already_tracked); httpStatus: the HTTP status (null when
 *   skipped); body: the service's JSON answer (null when skipped); skipped: no request was made because
 *   options.user already has dubClickId (status is then already_tracked)
 */
export async function trackLead({
  endpoint = "/api/track-lead",
  getToken,
  cookieDomain,
  user,
  retries = DEFAULT_RETRIES,
  maxRetryWaitMs = DEFAULT_MAX_RETRY_WAIT_MS,
} = {}) {
  if (alreadyTracked(user)) {
    return { reload: false, status: "already_tracked", httpStatus: null, body: null, skipped: true };
  }
  const location = browserLocation("trackLead");
  const url = new URL(endpoint, location.href);
  const domain = cookieDomain === undefined ? dubCookieDomain(location.hostname) : cookieDomain;
  const cookieTravels = dubCookieReaches(url.hostname, location.hostname, domain);

  let body;
  let clickId = null;
  if (!cookieTravels) {
    clickId = readCookie(COOKIE);
    if (clickId) {
      body = JSON.stringify({ clickId });
    }
  }

  let response;
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: "application/json" };
    if (body) {
      headers["Content-Type"] = "application/json";
    }
    // Asked on each attempt: Clerk's session tokens live for a minute, and getToken refreshes an expired one.
    const token = getToken ? await getToken() : null;
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    response = await fetch(url.href, {
      method: "POST",
      headers,
      body,
      credentials: cookieTravels ? "include" : "omit",
    });
    const wait = attempt < retries && RETRIED.has(response.status)
      ? retryWait(response.headers.get("Retry-After"), attempt, maxRetryWaitMs)
      : null;
    if (wait === null) {
      break;
    }
    // The unread body of an answer that is not used would hold its connection until collected.
    await response.body?.cancel().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const answer = await response.json().catch(() => null);
  const status = response.ok && answer && typeof answer.status === "string" ? answer.status : null;
  if (clickId && CONSUMED.has(status)) {
    deleteCookie(COOKIE, domain);
  }
  return { reload: METADATA_WRITTEN.has(status), status, httpStatus: response.status, body: answer, skipped: false };
}

/**
 * How long to wait before retrying, in milliseconds, or null for no retry: what Retry-After asks for
 * (delay-seconds, or an HTTP date), and no retry when that is longer than maxWaitMs, since the service said
 * an earlier attempt fails too; without a readable Retry-After, 1 s doubled on each retry, at most maxWaitMs.
 * @param {string|null} retryAfter the header's value
 * @param {number} attempt 0 for the first answer
 * @param {number} maxWaitMs the longest wait the caller accepts
 */
function retryWait(retryAfter, attempt, maxWaitMs) {
  const value = (retryAfter ?? "").trim();
  let asked = null;
  if (/^\d+$/.test(value)) {
    asked = Number(value) * 1000;
  } else if (/^[A-Za-z]{3,9},? /.test(value) && !Number.isNaN(Date.parse(value))) {
    // An HTTP date (IMF-fixdate, or the obsolete RFC 850 and asctime forms, all starting with the day's name).
    asked = Math.max(0, Date.parse(value) - Date.now());
  }
  if (asked !== null) {
    return asked <= maxWaitMs ? asked : null;
  }
  return Math.min(FALLBACK_WAIT_MS * 2 ** attempt, maxWaitMs);
}

/**
 * The page's location, or a clear error where there is no page (server rendering, a worker, Node): the caller
 * learns where to move the call instead of meeting a ReferenceError deep in here.
 * @param {string} what the function that needs the page
 */
function browserLocation(what) {
  if (typeof window === "undefined" || !window.location || typeof document === "undefined") {
    throw new Error(`clerk-dub-track-lead: ${what} needs a browser page (window.location and document.cookie), `
      + "and there is none here, as while rendering on the server: call it from useEffect or an event handler");
  }
  return window.location;
}

/**
 * Whether this user's lead was already handled: its public metadata has a non-empty dubClickId (a click id,
 * or "n/a" when there was no click), as the service itself decides. Accepts Clerk's user object (useUser().user,
 * clerk.user) or anything with publicMetadata; null or undefined (not loaded, signed out) is "not known".
 */
export function alreadyTracked(user) {
  const metadata = user ? user.publicMetadata : null;
  const clickId = metadata ? metadata.dubClickId : undefined;
  return typeof clickId === "string" && clickId !== "";
}

/**
 * The Domain Dub's script gives dub_id on this host: "." + host without "www.", none on localhost or an IP.
 * @param {string} hostname
 * @returns {string|undefined}
 */
export function dubCookieDomain(hostname) {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host.startsWith("[") || host.includes(":") || /^[0-9.]+$/.test(host)) {
    return undefined;
  }
  return "." + host.replace(/^www\./, "");
}

/** Whether a cookie set on pageHost with this Domain is sent to endpointHost (ports don't matter to cookies). */
function dubCookieReaches(endpointHost, pageHost, domain) {
  const host = endpointHost.toLowerCase();
  if (host === pageHost.toLowerCase()) {
    return true;
  }
  return Boolean(domain) && (host === domain.slice(1) || host.endsWith(domain));
}

function readCookie(name) {
  for (const pair of document.cookie.split(";")) {
    const [key, ...rest] = pair.trim().split("=");
    if (key === name) {
      return rest.join("=") || null;
    }
  }
  return null;
}

/** Only a Set-Cookie with the same Domain (and Path) as the cookie's deletes it. */
function deleteCookie(name, domain) {
  document.cookie = `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`
    + (domain ? `; Domain=${domain}` : "");
}
