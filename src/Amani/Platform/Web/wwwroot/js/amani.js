// Shared by Amani's JavaScript islands: the JSON API with the session's antiforgery token, and problem details as text.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="amani-csrf"]')?.content;

  /** fetch() for the JSON API: sends the antiforgery header on writes; throws an Error carrying the problem's detail. */
  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    headers.set("Accept", "application/json");
    if (options.body && !(options.body instanceof FormData) && typeof options.body !== "string") {
      headers.set("Content-Type", "application/json");
      options = { ...options, body: JSON.stringify(options.body) };
    }
    if (csrf && options.method && options.method !== "GET") headers.set("X-CSRF-TOKEN", csrf);
    const response = await fetch(path, { credentials: "same-origin", ...options, headers });
    if (!response.ok) {
      let detail = response.statusText;
      try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return response.status === 204 ? null : response.json();
  }

  window.amani = { api };
})();
