// track-lead.js: credits a signed-in Clerk user's sign-up to the Dub click that brought them.
// A dependency-free ES module for single-page apps; it calls the clerk-dub-leads service's
// POST /api/track-lead.
//
//   import { trackLead } from "./track-lead.js";
//   const { reload } = await trackLead({ endpoint: "https://api.example.com/api/track-lead", getToken, user });
//   if (reload) await user.reload();
//
// Types: track-lead.d.ts beside this file.
//
// Same site (the dub_id cookie reaches the endpoint): the browser sends dub_id, and __session when there
// is no token, and the service clears dub_id. Another site (the cookie can't travel): the click id goes
// in the body, and this module deletes dub_id itself once the service has used the click.

const COOKIE = "dub_id";
/** The service told Dub about the click: dub_id has served its purpose. */
const CONSUMED = new Set(["tracked", "duplicate", "unknown_click"]);
/** The service wrote dubClickId into the user's public metadata: reload the Clerk user to see it. */
const METADATA_WRITTEN = new Set(["tracked", "duplicate", "unknown_click", "no_click"]);

/**
 * @param {object} options
 * @param {string} [options.endpoint] URL of POST /api/track-lead (default: on this page's origin)
 * @param {() => Promise<string|null|undefined>} [options.getToken] Clerk's session.getToken / useAuth().getToken;
 *   without it (or when it gives null) the request relies on the __session cookie, same-origin only
 * @param {string|null} [options.cookieDomain] the Domain dub_id was set with, when Dub's script was given
 *   cookieOptions.domain; by default the one Dub's script uses: "." + host without "www." (none on localhost)
 * @param {{publicMetadata?: object|null}|null} [options.user] the signed-in user, e.g. Clerk's useUser().user:
 *   when its publicMetadata.dubClickId is already set, nothing is sent (the lead was handled)
 * @returns {Promise<{reload: boolean, status: string|null, httpStatus: number|null, body: any, skipped: boolean}>}
 *   reload: whether the caller should call user.reload(); status: the service's status when it succeeded
 *   (tracked, duplicate, unknown_click, no_click, already_tracked); httpStatus: the HTTP status (null when
 *   skipped); body: the service's JSON answer (null when skipped); skipped: no request was made because
 *   options.user already has dubClickId (status is then already_tracked)
 */
export async function trackLead({ endpoint = "/api/track-lead", getToken, cookieDomain, user } = {}) {
  if (alreadyTracked(user)) {
    return { reload: false, status: "already_tracked", httpStatus: null, body: null, skipped: true };
  }
  const url = new URL(endpoint, window.location.href);
  const domain = cookieDomain === undefined ? dubCookieDomain(window.location.hostname) : cookieDomain;
  const cookieTravels = dubCookieReaches(url.hostname, window.location.hostname, domain);

  const headers = { Accept: "application/json" };
  const token = getToken ? await getToken() : null;
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let body;
  let clickId = null;
  if (!cookieTravels) {
    clickId = readCookie(COOKIE);
    if (clickId) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify({ clickId });
    }
  }

  const response = await fetch(url.href, {
    method: "POST",
    headers,
    body,
    credentials: cookieTravels ? "include" : "omit",
  });
  const answer = await response.json().catch(() => null);
  const status = response.ok && answer && typeof answer.status === "string" ? answer.status : null;
  if (clickId && CONSUMED.has(status)) {
    deleteCookie(COOKIE, domain);
  }
  return { reload: METADATA_WRITTEN.has(status), status, httpStatus: response.status, body: answer, skipped: false };
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
