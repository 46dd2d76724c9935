"use client";
// react.js: the React side of clerk-dub-track-lead ("clerk-dub-track-lead/react"). useTrackLead calls
// trackLead once per signed-in user, reloads the Clerk user when the service wrote its metadata, and hands
// back where that stands, so an app renders one hook instead of copying an effect.
//
//   const { user } = useUser();
//   const { getToken } = useAuth();
//   const { status, result, error } = useTrackLead({ endpoint: "/api/track-lead", getToken, user });
//
// Types: react.d.ts beside this file. React is an optional peer dependency of the package: only this
// subpath imports it. The "use client" line marks the module for React Server Components (Next.js App
// Router): the hook runs in the browser, and calling it from a server component fails with React's message.

import { useEffect, useRef, useState } from "react";

import { trackLead } from "./track-lead.js";

const IDLE = Object.freeze({ status: "idle", result: null, error: null });
const PENDING = Object.freeze({ status: "pending", result: null, error: null });

/**
 * Tracks the signed-in user's lead once, from an effect (so never while rendering on the server).
 * @param {import("./react.js").UseTrackLeadOptions} options trackLead's options; `user` (Clerk's useUser().user)
 *   decides when: nothing while it is null or undefined (not loaded, signed out), one call per user id
 * @returns {import("./react.js").TrackLeadState}
 */
export function useTrackLead(options) {
  const user = options ? options.user : undefined;
  // One call per user: Clerk's useUser() hands a new object after user.reload() and on other updates, and the
  // id says whether it is still the same user.
  const key = user ? (typeof user.id === "string" ? user.id : user) : null;
  const [state, setState] = useState(IDLE);
  // The options of the latest render: getToken and the user object change identity between renders, and
  // only the user's key is a reason to call again.
  const latest = useRef(options);
  // The user the current call is for; kept across StrictMode's second run of the effect, which must not call twice.
  const startedFor = useRef(null);

  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    if (key === null) {
      startedFor.current = null;
      setState(IDLE);
      return;
    }
    if (startedFor.current === key) {
      return;
    }
    startedFor.current = key;
    setState(PENDING);
    const current = latest.current;
    let result = null;
    trackLead(current)
      .then(async (answer) => {
        result = answer;
        if (answer.reload && typeof current.user.reload === "function") {
          await current.user.reload();
        }
        return answer.status === null
          ? { status: "error", result: answer, error: new Error(answerError(answer)) }
          : { status: "success", result: answer, error: null };
      })
      .catch((error) => ({ status: "error", result, error }))
      .then((next) => {
        // A call for a user who has since signed out, or been replaced, no longer describes the page.
        if (startedFor.current === key) {
          setState(next);
        }
      });
  }, [key]);

  return state;
}

/** The message for an HTTP error answer: its status and the service's error code and message. */
function answerError({ httpStatus, body }) {
  const error = body && body.error;
  return `clerk-dub-track-lead: the service answered HTTP ${httpStatus}`
    + (error && error.code ? `: ${error.code}${error.message ? ` (${error.message})` : ""}` : "");
}
