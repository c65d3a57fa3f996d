// The pupil page: join with the room code, then poll the state once a second and vote.
// Story text only ever goes in through textContent, never as markup.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 1000;
  let shownRound = -1;
  let shownOpen = null;
  let timer = 0;

  function show(section) {
    $("loading").hidden = true;
    $("join").hidden = section !== "join";
    $("vote").hidden = section !== "vote";
  }

  async function call(method, path, body) {
    const options = { method, credentials: "same-origin", cache: "no-store", headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    return { status: response.status, data };
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  async function poll() {
    try {
      const r = await call("GET", "/api/state");
      if (r.status === 200) { render(r.data); schedule(POLL_MS); return; }
      if (r.status === 403) { shownRound = -1; show("join"); return; }
      schedule(r.status === 429 ? 5000 : 3000);
    } catch (e) {
      $("status").textContent = "Lost the connection; trying again…";
      schedule(3000);
    }
  }

  function render(state) {
    show("vote");
    if (state.round !== shownRound || state.open !== shownOpen) {
      shownRound = state.round;
      shownOpen = state.open;
      $("scene").textContent = state.scene || "Class vote";
      $("prompt").textContent = state.prompt || "";
      $("prompt").hidden = !state.prompt;
      buildChoices(state);
    }
    markVote(state);
  }

  function buildChoices(state) {
    const list = $("choice-list");
    list.replaceChildren();
    $("choices").hidden = state.choices.length === 0;
    for (const choice of state.choices) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.dataset.letter = choice.letter;
      button.disabled = !state.open;
      button.setAttribute("aria-pressed", "false");
      const letter = document.createElement("span");
      letter.className = "letter";
      letter.setAttribute("aria-hidden", "true");
      letter.textContent = choice.letter;
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = choice.text;
      button.setAttribute("aria-label", choice.letter + ": " + choice.text);
      button.append(letter, text);
      button.addEventListener("click", () => vote(state.round, choice.letter));
      item.append(button);
      list.append(item);
    }
  }

  function markVote(state) {
    for (const button of document.querySelectorAll(".choice")) {
      button.setAttribute("aria-pressed", String(button.dataset.letter === state.voted));
    }
    let message;
    if (state.choices.length === 0) message = "Waiting for the next decision…";
    else if (!state.open) message = state.voted ? "The vote is closed. You voted " + state.voted + "."
                                                : "The vote is closed.";
    else message = state.voted ? "You voted " + state.voted + ". You can change it until the vote closes."
                               : "Choose one.";
    if ($("status").textContent !== message) $("status").textContent = message;
  }

  async function vote(round, letter) {
    try {
      const r = await call("POST", "/api/vote", { round, letter });
      if (r.status === 403) { show("join"); return; }
      if (r.status !== 204 && r.data && r.data.error) $("status").textContent = r.data.error;
    } catch (e) {
      $("status").textContent = "Your vote did not arrive; try again.";
    }
    schedule(0);
  }

  async function join(event) {
    event.preventDefault();
    $("join-error").textContent = "";
    try {
      const r = await call("POST", "/api/join", { code: $("code").value });
      if (r.status === 200) { schedule(0); return; }
      $("join-error").textContent = (r.data && r.data.error) || "Could not join.";
    } catch (e) {
      $("join-error").textContent = "Could not reach the projector's computer.";
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("join-form").addEventListener("submit", join);
    poll();
  });
})();
