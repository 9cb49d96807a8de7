// Legacy Bridge: the migration panel on a Legacy-database provider's page of Keycloak's admin console.
//
// Loaded by the admin theme "legacy-bridge" (parent keycloak.v2) as an extra module next to the console's own. The
// console is a React app with a hash router; this module watches for the route
// #/<realm>/user-federation/legacy-database/<component id> and puts one panel between the page header and the
// provider's settings form. Everything it shows comes from the provider's admin REST resource
// /admin/realms/<realm>/legacy-migration/<component id>/{overview,audit,runs,batch}.
//
// Token: the console keeps its token to itself, so the panel gets its own for the same public client
// (security-admin-console) and the same login: an authorization code request with prompt=none and PKCE in a hidden
// iframe, answered from the admin's SSO session, redirected to a console URL that serves no script
// (console/messages.json) and read from the iframe's fragment. Refreshed with the refresh token.
//
// Server data is only ever put into the page as text (textContent), never as HTML.

const ENV = JSON.parse(document.getElementById("environment")?.textContent || "{}");
const ROUTE = /^#\/([^/]+)\/user-federation\/legacy-database\/([^/?#]+)/;
const PANEL_ID = "legacy-bridge-migration";
const POLL_MS = 3000;
const BATCH_SIZE = 500;

const state = {
  key: null, // realm + component of the page the panel is on
  overview: null,
  error: null,
  run: null, // the run this page drives: { runId, cursor, processed, imported, skipped, failed, deferred, total, started, failures }
  stopRequested: false,
  pollTimer: null,
};

// ------------------------------------------------------------------------------------------------------------ token

const token = { access: null, refresh: null, expiresAt: 0, pending: null };

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function tokenEndpoint() {
  return `${ENV.serverBaseUrl}/realms/${encodeURIComponent(ENV.realm)}/protocol/openid-connect/token`;
}

function redirectUri() {
  return `${ENV.adminBaseUrl}/admin/${encodeURIComponent(ENV.realm)}/console/messages.json`;
}

async function storeTokens(response) {
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}`);
  }
  const body = await response.json();
  token.access = body.access_token;
  token.refresh = body.refresh_token;
  token.expiresAt = Date.now() + (body.expires_in - 10) * 1000;
}

/** An authorization code from the admin's SSO session, without any page change (prompt=none in a hidden iframe). */
function silentCode(challenge, stateParam) {
  return new Promise((resolve, reject) => {
    const params = new URLSearchParams({
      client_id: ENV.clientId,
      redirect_uri: redirectUri(),
      response_type: "code",
      response_mode: "fragment",
      scope: "openid",
      prompt: "none",
      state: stateParam,
      nonce: randomString(),
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const frame = document.createElement("iframe");
    frame.style.display = "none";
    frame.title = "legacy-bridge-token";
    const started = Date.now();
    const timer = setInterval(() => {
      let hash = "";
      try {
        hash = frame.contentWindow.location.hash || "";
      } catch (e) {
        // cross-origin while on the login server's page: keep waiting
      }
      const answer = new URLSearchParams(hash.replace(/^#/, ""));
      if (answer.get("state") === stateParam) {
        clearInterval(timer);
        frame.remove();
        if (answer.get("code")) {
          resolve(answer.get("code"));
        } else {
          reject(new Error(answer.get("error") || "no code"));
        }
      } else if (Date.now() - started > 20000) {
        clearInterval(timer);
        frame.remove();
        reject(new Error("no answer from the login server"));
      }
    }, 25);
    frame.src = `${ENV.serverBaseUrl}/realms/${encodeURIComponent(ENV.realm)}/protocol/openid-connect/auth?${params}`;
    document.body.appendChild(frame);
  });
}

async function login() {
  const verifier = randomString();
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const code = await silentCode(challenge, randomString());
  await storeTokens(await fetch(tokenEndpoint(), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code", client_id: ENV.clientId, code, redirect_uri: redirectUri(),
      code_verifier: verifier,
    }),
  }));
}

async function refresh() {
  await storeTokens(await fetch(tokenEndpoint(), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: ENV.clientId, refresh_token: token.refresh }),
  }));
}

async function accessToken() {
  if (token.access && Date.now() < token.expiresAt) {
    return token.access;
  }
  if (!token.pending) {
    token.pending = (async () => {
      try {
        if (token.refresh) {
          try {
            await refresh();
            return;
          } catch (e) {
            token.refresh = null;
          }
        }
        await login();
      } finally {
        token.pending = null;
      }
    })();
  }
  await token.pending;
  return token.access;
}

// ------------------------------------------------------------------------------------------------------------ API

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path) {
  const [realm, componentId] = state.key.split("/");
  const url = `${ENV.adminBaseUrl}/admin/realms/${encodeURIComponent(realm)}/legacy-migration/`
      + `${encodeURIComponent(componentId)}${path}`;
  const response = await fetch(url, { method, headers: { Authorization: `Bearer ${await accessToken()}` } });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = await response.json();
      message = body.errorMessage || body.error_description || body.error || message;
    } catch (e) {
      // not JSON
    }
    throw new ApiError(response.status, message);
  }
  return response.json();
}

// ------------------------------------------------------------------------------------------------------------ DOM

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === "onclick") {
      node.addEventListener("click", value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

const number = (n) => (n === null || n === undefined || n < 0 ? "–" : Number(n).toLocaleString("en-US"));
const time = (ms) => (ms ? new Date(ms).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }) : "–");
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function stat(label, value, testId, hint) {
  return el("div", { class: "lb-stat", "data-testid": testId },
      el("div", { class: "lb-stat__value" }, number(value)),
      el("div", { class: "lb-stat__label" }, label),
      hint ? el("div", { class: "lb-stat__hint" }, hint) : null);
}

function progressBar(done, total, testId, label) {
  const pct = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0;
  return el("div", { class: "lb-progress", "data-testid": testId },
      el("div", { class: "lb-progress__label" }, label),
      el("div", { class: "lb-progress__pct", "data-testid": `${testId}-pct` }, `${pct}%`),
      el("div", { class: "lb-progress__track", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100,
        "aria-valuenow": pct, "aria-label": label },
      el("div", { class: "lb-progress__fill", style: `width:${pct}%` })));
}

function button(label, testId, onclick, variant = "primary", disabled = false) {
  return el("button", { type: "button", class: `pf-v5-c-button pf-m-${variant}`, "data-testid": testId, onclick,
    disabled }, label);
}

const STATUS_COLUMNS = [
  ["usable", "Usable"], ["unusable", "Unusable"], ["noPassword", "No password"], ["malformed", "Malformed"],
  ["unsupported", "Unsupported"], ["notAllowed", "Not allowed"],
];

function auditSection(overview) {
  const audit = overview.audit;
  const result = audit?.result;
  const header = el("div", { class: "lb-section__header" },
      el("h3", { class: "pf-v5-c-title pf-m-md" }, "Hash schemes"),
      el("span", { class: "lb-muted", "data-testid": "lb-audit-when" }, result
        ? `audit of ${number(result.rows)} rows at ${time(audit.finishedAt)}, read in ${seconds(audit.millis)}`
        : "no audit yet"),
      button("Audit again", "lb-audit-again", () => startAudit(), "secondary", audit?.state === "running"));
  const parts = [header];
  if (audit?.state === "running") {
    parts.push(progressBar(audit.processed, audit.total, "lb-audit-progress",
        `Auditing the legacy table: ${number(audit.processed)} of ${number(audit.total)} rows`));
  }
  if (audit?.state === "failed") {
    parts.push(el("div", { class: "lb-alert lb-alert--danger" },
        el("p", {}, `The audit failed: ${audit.error}`)));
  }
  if (result) {
    const head = el("tr", {}, el("th", {}, "Scheme"), el("th", { class: "lb-num" }, "Rows"),
        ...STATUS_COLUMNS.map(([, label]) => el("th", { class: "lb-num" }, label)));
    const rows = result.schemes.map((s) => el("tr", { "data-testid": `lb-scheme-${s.scheme}` },
        el("td", { "data-label": "Scheme" }, s.scheme, s.weak
          ? el("span", { class: "pf-v5-c-label pf-m-orange pf-m-compact lb-weak" },
              el("span", { class: "pf-v5-c-label__content" }, "weak")) : null),
        el("td", { class: "lb-num", "data-column": "rows" }, number(s.rows)),
        ...STATUS_COLUMNS.map(([key]) => el("td", { class: `lb-num${s[key] > 0 && key !== "usable"
          ? " lb-attention" : ""}`, "data-column": key }, number(s[key])))));
    const total = el("tr", { class: "lb-total", "data-testid": "lb-scheme-total" }, el("td", {}, "All schemes"),
        el("td", { class: "lb-num", "data-column": "rows" }, number(result.rows)),
        ...STATUS_COLUMNS.map(([key]) => el("td", { class: "lb-num", "data-column": key },
            number(result.statuses[key]))));
    parts.push(el("table", { class: "pf-v5-c-table pf-m-compact pf-m-grid-md lb-table", role: "grid",
      "data-testid": "lb-schemes" }, el("thead", {}, head), el("tbody", {}, rows, total)));
    parts.push(el("p", { class: "lb-muted" },
        `${number(result.upgradeRecommended)} usable hashes would be upgraded at login (weak, or below the upgrade `
        + "target). Malformed, unsupported and not-allowed rows cannot log in and are not bulk-migrated."));
  }
  return el("div", { class: "lb-section" }, parts);
}

function runSection(overview) {
  const last = overview.lastRun;
  const mine = state.run;
  const migrate = overview.mode === "MIGRATE";
  const driving = mine && !mine.finished;
  const parts = [el("div", { class: "lb-section__header" },
      el("h3", { class: "pf-v5-c-title pf-m-md" }, "Bulk migration"),
      migrate ? null : el("span", { class: "lb-muted" },
          `needs mode MIGRATE; this provider is in mode ${overview.mode}`))];

  if (driving || (mine && mine.finished)) {
    const rate = mine.processedHere > 0 ? mine.processedHere / ((Date.now() - mine.startedHere) / 1000) : 0;
    const leftRows = Math.max(0, mine.total - mine.processed);
    parts.push(progressBar(mine.processed, mine.total, "lb-run-progress",
        mine.finished ? `Finished: ${number(mine.processed)} rows`
          : `Migrating: ${number(mine.processed)} of ${number(mine.total)} rows, ${number(Math.round(rate))} rows/s`
            + (rate > 0 ? `, about ${Math.ceil(leftRows / rate)} s left` : "")));
    parts.push(el("div", { class: "lb-stats lb-stats--small", "data-testid": "lb-run-live" },
        stat("Migrated", mine.imported, "lb-run-imported"), stat("Skipped", mine.skipped, "lb-run-skipped",
            "already in Keycloak"), stat("Failed", mine.failed, "lb-run-failed"),
        stat("At first login", mine.deferred, "lb-run-deferred",
            "need the provider's format settings or are locked out: they migrate when they log in")));
    if (mine.failures.length) {
      parts.push(el("details", { class: "lb-failures", "data-testid": "lb-run-failures" },
          el("summary", {}, `Rows not migrated (first ${mine.failures.length})`),
          el("ul", {}, mine.failures.map((f) => el("li", {}, `legacy id ${f.legacyId}: ${f.reason}`)))));
    }
    if (mine.message) {
      parts.push(el("div", { class: "lb-alert lb-alert--warning", "data-testid": "lb-run-message" },
          el("p", {}, mine.message)));
    }
  }

  if (last && !driving) {
    parts.push(el("dl", { class: "lb-dl", "data-testid": "lb-last-run" },
        ...[["Last run", last.state, "lb-last-run-state"], ["Started", `${time(last.startedAt)} by ${last.startedBy}`],
          ["Finished", time(last.finishedAt), "lb-last-run-finished"],
          ["Rows", `${number(last.processed)} of ${number(last.total)}`, "lb-last-run-rows"],
          ["Migrated", number(last.imported), "lb-last-run-migrated"],
          ["Skipped", number(last.skipped), "lb-last-run-skipped"], ["Failed", number(last.failed), "lb-last-run-failed"],
          ["At first login", number(last.deferred ?? 0), "lb-last-run-deferred"],
          ["Resumable", last.resumable ? `yes, from legacy id ${last.cursor ?? "(start)"}` : "no",
            "lb-last-run-resumable"]]
            .map(([term, value, testId]) => el("div", { class: "lb-dl__group" },
                el("dt", {}, term), el("dd", { "data-testid": testId }, value)))));
  } else if (!last) {
    parts.push(el("p", { class: "lb-muted", "data-testid": "lb-last-run" }, "No bulk run yet."));
  }

  const actions = el("div", { class: "lb-actions" });
  if (driving) {
    actions.append(button("Pause after this batch", "lb-run-pause", () => {
      state.stopRequested = true;
      render();
    }, "secondary", state.stopRequested));
  } else if (migrate) {
    const resumable = last && last.resumable;
    if (resumable) {
      actions.append(button("Resume bulk migration", "lb-run-resume", () => drive(true)));
    }
    actions.append(button("Start bulk migration", "lb-run-start", () => drive(false),
        resumable ? "secondary" : "primary"));
    if (last?.state === "running") {
      actions.append(el("span", { class: "lb-muted" }, `a run started by ${last.startedBy} seems to be in progress; `
          + "starting or resuming here takes it over"));
    }
  }
  parts.push(actions);
  return el("div", { class: "lb-section" }, parts);
}

function render() {
  const panel = document.getElementById(PANEL_ID);
  if (!panel) {
    return;
  }
  const body = [];
  const o = state.overview;
  body.push(el("div", { class: "lb-header" },
      el("h2", { class: "pf-v5-c-title pf-m-lg" }, "Migration"),
      o ? el("span", { class: "pf-v5-c-label pf-m-blue pf-m-compact" },
          el("span", { class: "pf-v5-c-label__content", "data-testid": "lb-mode" }, `mode ${o.mode}`)) : null,
      o ? el("span", { class: "lb-muted" }, `numbers in ${o.millis} ms`) : null));
  if (state.error) {
    body.push(el("div", { class: "lb-alert lb-alert--danger", "data-testid": "lb-error" },
        el("p", {}, state.error)));
  }
  if (!o) {
    body.push(el("p", { class: "lb-muted" }, "Loading…"));
  } else {
    const result = o.audit?.result;
    body.push(el("div", { class: "lb-stats" },
        stat("Legacy rows", o.legacyRows, "lb-legacy-rows"),
        stat("Migrated", o.migrated, "lb-migrated", "Keycloak's own users"),
        stat("Left", o.left, "lb-left", "rows not migrated yet"),
        stat("Linked", o.linked, "lb-linked", "met by Keycloak, not migrated"),
        stat("Profile would stop", result ? result.profileStops : -1, "lb-profile-stops",
            requiredFields(o.profileRequires))));
    body.push(runSection(o));
    body.push(auditSection(o));
  }
  panel.replaceChildren(el("div", { class: "pf-v5-c-card lb-card" }, el("div", { class: "pf-v5-c-card__body" },
      body)));
}

function requiredFields(requires) {
  const names = [["email", "email"], ["firstName", "first name"], ["lastName", "last name"]]
      .filter(([key]) => requires[key]).map(([, label]) => label);
  return names.length ? `empty ${names.join(", ")} (required by the realm's user profile)`
    : "the realm's user profile requires none of email and names";
}

// ------------------------------------------------------------------------------------------------------------ actions

async function load() {
  const key = state.key;
  try {
    const overview = await api("GET", "/overview");
    if (key !== state.key) {
      return;
    }
    state.overview = overview;
    state.error = null;
  } catch (e) {
    state.error = `Could not read the migration state: ${e.message}`;
  }
  render();
  schedulePoll();
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  const o = state.overview;
  const busy = o && (o.audit?.state === "running" || (o.lastRun?.state === "running" && !state.run));
  if (busy && document.getElementById(PANEL_ID)) {
    state.pollTimer = setTimeout(load, POLL_MS);
  }
}

async function startAudit() {
  try {
    await api("POST", "/audit");
  } catch (e) {
    state.error = `Could not start the audit: ${e.message}`;
  }
  await load();
}

/** Starts (or resumes) a run and drives it, batch after batch, until the end of the table or a pause. */
async function drive(resume) {
  state.stopRequested = false;
  let started;
  try {
    started = await api("POST", `/runs?resume=${resume}`);
  } catch (e) {
    state.error = `Could not start bulk migration: ${e.message}`;
    render();
    return;
  }
  const run = {
    runId: started.runId, cursor: started.cursor, total: started.total, processed: started.processed,
    imported: started.imported, skipped: started.skipped, failed: started.failed,
    deferred: started.deferred ?? 0, failures: [], finished: false,
    startedHere: Date.now(), processedHere: 0, message: null,
  };
  state.run = run;
  render();
  let retries = 0;
  let lastRefresh = Date.now();
  while (!run.finished) {
    if (state.stopRequested) {
      run.message = "Paused: resume to continue from the last batch.";
      break;
    }
    const query = new URLSearchParams({ size: BATCH_SIZE, run: run.runId });
    if (run.cursor) {
      query.set("after", run.cursor);
    }
    let batch;
    try {
      batch = await api("POST", `/batch?${query}`);
      retries = 0;
    } catch (e) {
      if (e.status === 409) {
        run.message = "Another bulk run was started meanwhile; this page stopped driving this one.";
        break;
      }
      if (++retries <= 3 && (e.status === undefined || e.status >= 500)) {
        await new Promise((r) => setTimeout(r, 2000 * retries));
        continue;
      }
      run.message = `Stopped: ${e.message}. The run can be resumed.`;
      break;
    }
    run.cursor = batch.nextCursor;
    run.processed += batch.processed;
    run.processedHere += batch.processed;
    run.imported += batch.imported;
    run.skipped += batch.skipped;
    run.failed += batch.failed;
    run.deferred += batch.deferred ?? 0;
    for (const f of batch.failures) {
      if (run.failures.length < 20) {
        run.failures.push(f);
      }
    }
    run.finished = batch.done;
    if (Date.now() - lastRefresh > 5000 && !run.finished) {
      lastRefresh = Date.now();
      await load(); // the totals at the top (migrated, left) from the server, during the run too
    } else {
      render();
    }
  }
  run.finished = true;
  await load();
}

// ------------------------------------------------------------------------------------------------------------ routing

function currentKey() {
  const match = ROUTE.exec(window.location.hash);
  if (!match || match[2] === "new") {
    return null;
  }
  return `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`;
}

function place() {
  const key = currentKey();
  const existing = document.getElementById(PANEL_ID);
  if (!key) {
    existing?.remove();
    if (state.key && !(state.run && !state.run.finished)) {
      state.key = null;
    }
    return;
  }
  // The provider's settings form is in a page section of its own, under the page header: the panel goes just before it.
  const form = document.querySelector("form.keycloak__user-federation__custom-form");
  const section = form?.closest("section");
  if (!section) {
    return;
  }
  if (existing && existing.nextElementSibling === section && state.key === key) {
    return;
  }
  existing?.remove();
  const panel = el("section", { id: PANEL_ID, class: "pf-v5-c-page__main-section pf-m-light lb-panel",
    "data-testid": "legacy-migration-panel" });
  section.parentElement.insertBefore(panel, section);
  if (state.key !== key) {
    state.key = key;
    state.overview = null;
    state.error = null;
    state.run = null;
    load();
  }
  render();
}

let scheduled = false;
new MutationObserver(() => {
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      place();
    });
  }
}).observe(document.body, { childList: true, subtree: true });
window.addEventListener("hashchange", place);
