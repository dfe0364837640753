/* The live app shell: the live screens drawn on the phone, so the whole hallway loop works with
   no signal. What it shows is the offline snapshot (GET /api/v1/live/snapshot, kept in
   IndexedDB by pwa.js) with everything still waiting in the queue applied on top; every change
   the user makes is queued (HallwayQueue) as a JSON API call with an idempotency key, and a
   conversation started here gets a client-made id the later calls name until the server's id
   is known. The service worker opens this page for any /live/… address when offline. */
(function () {
  "use strict";
  var root = document.getElementById("live-app");
  if (!root) return;
  var API = "/api/v1";
  var DEEP = ["passions", "drivers"], EARLY_WARNING_SECONDS = 5 * 60;
  var snapshot = null, items = [], ids = {}, timerHandle = 0;

  // --- small helpers ---------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function card(label, children) { return el("section", { "class": "card", "aria-label": label }, children); }
  function fold(text) { return (text || "").toLowerCase().split(/\s+/).filter(Boolean).join(" "); }
  // The same rule as the server's merge_facet: never lose either side, never repeat.
  function mergeFacet(existing, learned) {
    existing = (existing || "").trim(); learned = (learned || "").trim();
    if (!learned) return existing;
    if (!existing) return learned;
    if (fold(existing).indexOf(fold(learned)) !== -1) return existing;
    if (fold(learned).indexOf(fold(existing)) !== -1) return learned;
    return existing + "; " + learned;
  }
  function clone(value) { return JSON.parse(JSON.stringify(value)); }
  function go(path) { window.location.href = path; }
  function time(iso) { return window.HallwayPocket.asOf(iso); }

  // --- the model: the snapshot with what waits in the queue applied -------------------
  function model() {
    var m = { events: {}, people: {}, conversations: {}, order: [], current: snapshot.current_event_id };
    snapshot.events.forEach(function (event) { m.events[event.id] = clone(event); });
    snapshot.people.forEach(function (person) { m.people[person.id] = clone(person); });
    snapshot.conversations.slice().reverse().forEach(function (conversation) {
      var c = clone(conversation); c.ref = String(c.id); c.person_ref = String(c.person_id);
      m.conversations[c.ref] = c; m.order.push(c.ref);
    });
    Object.keys(m.people).forEach(function (id) { m.people[id].ref = String(id); });
    items.forEach(function (item) { apply(m, item); });
    return m;
  }
  function conversationOf(m, ref) { return m.conversations[ref] || (ids[ref] && m.conversations[String(ids[ref])]); }
  function apply(m, item) {
    var meta = item.meta || {}, body = HallwayQueue.fields(item), c;
    if (item.kind === "live-form") {
      // Queued from a server-drawn screen: read what it does from its form fields.
      var match = /\/conversations\/(\d+)\/(capture|signs|end)\//.exec(item.url);
      if (!match) return;
      meta = { ref: match[1], facet: body.facet, text: body.text, sign: body.sign, outcome: body.outcome, followup: body.followup };
      item = { kind: { capture: "capture", signs: "sign", end: "end" }[match[2]], createdAt: item.createdAt, state: item.state };
    }
    if (item.kind === "check-in") { m.current = meta.eventId; return; }
    if (item.kind === "start") {
      var personRef = meta.personId ? String(meta.personId) : "new:" + meta.clientId;
      if (!meta.personId) m.people[personRef] = { ref: personRef, name: meta.name, company: "", role: "", story: {}, briefing: null, local: true };
      m.conversations[meta.clientId] = { ref: meta.clientId, local: true, person_ref: personRef, event_id: meta.eventId,
        started_at: item.createdAt, ended_at: null, learned: {}, warning_signs: [], outcome: null, followups: [],
        with_new_person: !meta.personId, refused: item.state === "refused" };
      m.order.push(meta.clientId);
      return;
    }
    c = conversationOf(m, meta.ref);
    if (!c) return;
    if (item.kind === "capture" && meta.facet) {
      c.learned[meta.facet] = mergeFacet(c.learned[meta.facet], meta.text);
      var person = m.people[c.person_ref];
      if (person) { person.story = person.story || {}; person.story[meta.facet] = mergeFacet(person.story[meta.facet], meta.text); }
    } else if (item.kind === "sign" && meta.sign && c.warning_signs.indexOf(meta.sign) === -1) {
      c.warning_signs.push(meta.sign);
      c.sign_seconds = c.sign_seconds || (Date.parse(item.createdAt) - Date.parse(c.started_at)) / 1000;
    } else if (item.kind === "end") {
      c.outcome = meta.outcome || suggest(c); c.ended_at = item.createdAt;
      if (meta.followup) c.followups.push({ text: meta.followup, due: null });
    }
  }
  function suggest(c) {
    if (DEEP.some(function (facet) { return c.learned[facet]; })) return "connected";
    if (c.warning_signs.length) {
      var seconds = c.sign_seconds !== undefined ? c.sign_seconds : (Date.now() - Date.parse(c.started_at)) / 1000;
      if (seconds < EARLY_WARNING_SECONDS) return "cut_short";
    }
    return "cards_only";
  }
  function label(list, key, value) { var hit = list.filter(function (x) { return x[key] === value; })[0]; return hit ? hit.label : value; }
  function conversationsAt(m, eventId) {
    return m.order.map(function (ref) { return m.conversations[ref]; })
      .filter(function (c) { return c && String(c.event_id) === String(eventId); });
  }
  function wantedUnmet(m, event, exceptRef) {
    var met = {};
    conversationsAt(m, event.id).forEach(function (c) { met[c.person_ref] = true; });
    return event.want_to_meet.map(function (id) { return m.people[id]; })
      .filter(function (p) { return p && !met[p.ref] && p.ref !== exceptRef; })
      .sort(function (a, b) { return a.name.localeCompare(b.name); });
  }

  // --- queueing the user's changes -----------------------------------------------------
  function conversationUrl(c, action) {
    return c.local && !ids[c.ref] ? API + "/live/conversations/" + c.ref + "/" + action
                                  : API + "/conversations/" + (ids[c.ref] || c.ref) + "/" + action;
  }
  function queue(kind, url, body, labelText, meta, group) {
    return HallwayQueue.add({ url: url, body: body, label: labelText, kind: kind, meta: meta, group: group || "" });
  }
  function group(c) { return "conversation:" + (c.local ? c.ref : "c" + c.ref); }
  function checkIn(m, event) {
    var starts = Date.parse(event.starts_at);
    if (starts > Date.now() && !window.confirm(event.name + " starts " + new Date(starts).toLocaleString() + ". Check in now anyway?")) return;
    queue("check-in", API + "/live/check-in", { event_id: event.id }, "Check in: " + event.name, { eventId: event.id })
      .then(function () { go("/live/events/" + event.id + "/"); });
  }
  function start(m, event, person, name) {
    var clientId = HallwayQueue.newKey();
    var body = { client_id: clientId, event_id: event ? event.id : null };
    if (person) body.person_id = person.id; else body.name = name;
    return queue("start", API + "/live/conversations", body, "Start: " + (person ? person.name : name) + (event ? " at " + event.name : ""),
                 { clientId: clientId, eventId: event ? event.id : null, personId: person ? person.id : null, name: name || "" },
                 "conversation:" + clientId)
      .then(function () { go("/live/conversations/" + clientId + "/"); });
  }

  // --- screens -----------------------------------------------------------------------
  function asOfLine() {
    return el("p", { "class": "muted small", id: "live-as-of" }, ["As of " + time(snapshot.as_of) + " (saved on this phone)"]);
  }
  function checkInScreen(m) {
    var today = snapshot.events.filter(function (e) { return e.today; });
    var upcoming = snapshot.events.filter(function (e) { return !e.today && Date.parse(e.starts_at) > Date.now(); });
    var current = m.current && m.events[m.current];
    function row(event) {
      return el("li", { "class": "spread" }, [
        el("span", {}, [el("strong", { text: event.name }), el("br"), el("span", { "class": "muted small", text: new Date(event.starts_at).toLocaleString() + (event.location ? " · " + event.location : "") })]),
        el("button", { type: "button", onclick: function () { checkIn(m, event); } }, ["Check in"])
      ]);
    }
    return [el("h1", { text: "Where are you?" }), asOfLine(),
      current ? el("a", { "class": "button big", href: "/live/events/" + current.id + "/" }, ["Continue at " + current.name]) : null,
      card("Today", [el("h2", { text: "Today" }), today.length ? el("ul", { "class": "list" }, today.map(row))
        : el("p", { "class": "muted", text: "Nothing planned for today in the copy on this phone." })]),
      upcoming.length ? card("Coming up", [el("h2", { text: "Coming up" }), el("ul", { "class": "list" }, upcoming.map(row))]) : null,
      el("p", { "class": "muted small", text: "Creating a new event needs a connection; check in to a planned one offline." })];
  }
  function eventScreen(m, event) {
    var conversations = conversationsAt(m, event.id);
    var newPeople = {}; conversations.forEach(function (c) { if (c.with_new_person) newPeople[c.person_ref] = true; });
    var count = Object.keys(newPeople).length, goal = event.goal_new_connections;
    var open = conversations.filter(function (c) { return !c.outcome; })[0];
    var unmet = wantedUnmet(m, event);
    return [el("h1", { text: event.name }), asOfLine(),
      card("Goal", [el("div", { "class": "spread" }, [el("strong", { text: goal ? "Goal: meet " + goal + " new people" : "New people met" }),
        el("span", { id: "live-progress", text: goal ? count + " / " + goal : String(count) })]),
        el("p", { "class": "muted small", text: conversations.length + " conversation" + (conversations.length === 1 ? "" : "s") + " so far." })]),
      open ? el("a", { "class": "button big secondary", href: "/live/conversations/" + open.ref + "/" }, ["Back to " + (m.people[open.person_ref] || {}).name]) : null,
      el("a", { "class": "button big", id: "start-conversation", href: "/live/events/" + event.id + "/start/" }, ["Start a conversation"]),
      card("Want to meet", [el("h2", { text: "Want to meet" }), unmet.length ? el("ul", { "class": "list" }, unmet.map(function (person) {
        return el("li", { "class": "spread" }, [el("span", {}, [person.name, person.company ? el("span", { "class": "muted small", text: " " + person.company }) : null]),
          el("button", { type: "button", "class": "secondary", onclick: function () { start(m, event, person); } }, ["Talk now"])]);
      })) : el("p", { "class": "muted", text: "Nobody left on your list for this event." })]),
      conversations.length ? card("So far", [el("h2", { text: "So far" }), el("ul", { "class": "list" }, conversations.slice().reverse().map(function (c) {
        return el("li", { "class": "spread" }, [el("a", { "class": "taplink", href: "/live/conversations/" + c.ref + "/" }, [(m.people[c.person_ref] || {}).name || "Someone"]),
          el("span", { "class": "muted small", text: time(c.started_at) + " · " + (c.outcome ? label(snapshot.outcomes, "value", c.outcome) : "ongoing") })]);
      }))]) : null];
  }
  function startScreen(m, event) {
    var name = el("input", { type: "text", id: "new-person-name", name: "name", placeholder: "Their name", autocomplete: "off", required: true, maxlength: "200" });
    var results = el("div", { id: "search-results" });
    var search = el("input", { type: "search", id: "person-search", placeholder: "Search by name or company", autocomplete: "off", oninput: function () {
      var q = fold(search.value); results.textContent = "";
      if (!q) return;
      var hits = Object.keys(m.people).map(function (k) { return m.people[k]; }).filter(function (p) {
        return !p.local && fold(p.name + " " + (p.company || "")).indexOf(q) !== -1; }).slice(0, 8);
      results.appendChild(hits.length ? el("ul", { "class": "pick" }, hits.map(function (p) {
        return el("li", {}, [el("button", { type: "button", "class": "secondary wide", onclick: function () { start(m, event, p); } }, [p.name + (p.company ? " · " + p.company : "")])]);
      })) : el("p", { "class": "muted", text: "Nobody called “" + search.value + "” on this phone — start with someone new above." }));
    } });
    var unmet = wantedUnmet(m, event);
    return [el("h1", { text: "Who are you talking to?" }),
      card("Someone new", [el("h2", { text: "Someone new" }), el("form", { "class": "inline-form", onsubmit: function (e) {
        e.preventDefault(); var value = name.value.replace(/\s+/g, " ").trim(); if (value) start(m, event, null, value); } },
        [el("label", { "for": "new-person-name", "class": "visually-hidden", text: "Name" }), name, el("button", { type: "submit" }, ["Start"])])]),
      unmet.length ? card("On your list", [el("h2", { text: "On your list" }), el("ul", { "class": "pick" }, unmet.map(function (p) {
        return el("li", {}, [el("button", { type: "button", "class": "secondary wide", onclick: function () { start(m, event, p); } }, [p.name])]); }))]) : null,
      card("Someone you know", [el("h2", { text: "Someone you know" }), el("label", { "for": "person-search", "class": "visually-hidden", text: "Search your people" }), search, results]),
      el("p", {}, [el("a", { "class": "taplink", href: "/live/events/" + event.id + "/" }, ["Back to " + event.name])])];
  }

  function conversationScreen(m, c) {
    var person = m.people[c.person_ref] || { name: "Someone", story: {} };
    var event = c.event_id && m.events[c.event_id];
    var story = person.story || {};
    var open = !c.outcome;
    var questions = snapshot.questions.filter(function (q) { return !(story[q.facet] || "").trim(); });
    var known = snapshot.questions.filter(function (q) { return (story[q.facet] || "").trim(); });
    function capture(facet, field) {
      var text = field.value.replace(/\s+/g, " ").trim();
      if (!text) return;
      field.value = "";
      var known = (story[facet] || "");
      queue("capture", conversationUrl(c, "capture"), { facet: facet, text: text, known: person.local ? undefined : known },
            label(snapshot.questions, "facet", facet) + ": " + text, { ref: c.ref, facet: facet, text: text }, group(c)).then(render);
    }
    var storyCard = el("section", { id: "live-story", "class": "card", "aria-label": "Their story" }, [
      questions.length ? el("h2", { text: "Ask" }) : el("p", { "class": "muted", text: "You know their whole story. Ask what has changed lately." }),
      questions.length ? el("ul", { "class": "questions" }, questions.map(function (q) {
        var field = el("input", { type: "text", id: "answer-" + q.facet, name: "text", autocomplete: "off", maxlength: "2000", enterkeyhint: "send", placeholder: "In a few words" });
        var details = el("details", { ontoggle: function () { if (details.open) field.focus(); } }, [
          el("summary", {}, [q.question + " ", el("span", { "class": "muted small", text: q.label })]),
          el("form", { "class": "inline-form", onsubmit: function (e) { e.preventDefault(); capture(q.facet, field); } },
            [el("label", { "for": "answer-" + q.facet, "class": "visually-hidden", text: q.label }), field, el("button", { type: "submit" }, ["Save"])])]);
        return el("li", {}, [details]);
      })) : null,
      known.length ? el("h2", { text: "Their story" }) : null,
      known.length ? el("dl", { "class": "known" }, [].concat.apply([], known.map(function (q) {
        return [el("dt", { text: q.label }), el("dd", {}, [story[q.facet], c.learned[q.facet] ? " " : null, c.learned[q.facet] ? el("span", { "class": "badge connection", text: "new" }) : null])];
      }))) : null]);
    var lines = snapshot.settings.exit_lines.length ? snapshot.settings.exit_lines : ["It's been great talking to you."];
    var next = event ? wantedUnmet(m, event, c.person_ref)[0] : null;
    var lastSign = c.warning_signs[c.warning_signs.length - 1];
    var seconds = (Date.now() - Date.parse(c.started_at)) / 1000, limit = snapshot.settings.long_conversation_minutes * 60;
    var reason = lastSign ? label(snapshot.signs, "name", lastSign) : seconds >= limit ? "You have been talking for over " + snapshot.settings.long_conversation_minutes + " minutes" : "";
    var lineIndex = (c.ref.length + c.warning_signs.length) % lines.length;
    var signsCard = open ? el("section", { id: "live-signs", "class": "card", "aria-label": "Warning signs" }, [
      el("h2", { text: "Is it over?" }),
      el("div", { "class": "signs" }, snapshot.signs.map(function (sign) {
        var logged = c.warning_signs.indexOf(sign.name) !== -1;
        return el("button", { type: "button", "class": "sign-button" + (logged ? " logged" : ""), "aria-pressed": logged ? "true" : "false", disabled: logged,
          onclick: function () { queue("sign", conversationUrl(c, "signs"), { sign: sign.name }, "Warning sign: " + sign.label, { ref: c.ref, sign: sign.name }, group(c)).then(render); } }, [sign.label]);
      })),
      el("div", { id: "exit-prompt", "class": "exit-prompt", role: "status", hidden: !reason }, [
        el("p", { "class": "small" }, [el("strong", { id: "exit-reason", text: reason }), " — time to wrap up politely."]),
        el("blockquote", { id: "exit-line", text: lines[lineIndex] }),
        next ? el("p", {}, ["Next: ", el("strong", { id: "next-person", text: next.name })]) : el("p", { "class": "muted small", text: "Nobody left on your want-to-meet list — go and find someone new." }),
        next ? el("button", { type: "button", "class": "secondary", id: "talk-next", onclick: function () { end(next); } }, ["End and talk to " + next.name + " now"]) : null])]) : null;
    var suggested = suggest(c);
    var followup = el("input", { type: "text", id: "followup", name: "followup", maxlength: "500", autocomplete: "off", placeholder: "Send the article on Tuesday" });
    var radios = snapshot.outcomes.map(function (o) {
      return el("label", { "class": "choice" }, [el("input", { type: "radio", name: "outcome", value: o.value, checked: o.value === suggested }), " " + o.label,
        o.value === suggested ? el("span", { "class": "muted small", text: " (suggested)" }) : null]);
    });
    function end(nextPerson) {
      var chosen = root.querySelector("input[name=outcome]:checked");
      var outcome = chosen ? chosen.value : suggested, text = followup.value.replace(/\s+/g, " ").trim();
      queue("end", conversationUrl(c, "end"), { outcome: outcome, followup: text },
            "End with " + person.name + ": " + label(snapshot.outcomes, "value", outcome) + (text ? " · follow-up: " + text : ""),
            { ref: c.ref, outcome: outcome, followup: text }, group(c)).then(function () {
        if (nextPerson) start(m, event, nextPerson); else go(event ? "/live/events/" + event.id + "/" : "/live/");
      });
    }
    var endCard = el("section", { id: "live-end", "class": "card", "aria-label": "End the conversation" }, open ? [
      el("form", { onsubmit: function (e) { e.preventDefault(); end(null); } }, [
        el("fieldset", { "class": "outcomes" }, [el("legend", { text: "How did it end?" })].concat(radios)),
        el("label", { "for": "followup" }, ["Follow-up ", el("span", { "class": "muted small", text: "(optional)" })]), followup,
        el("button", { type: "submit", "class": "big end-button" }, ["End conversation"])])]
      : [el("p", {}, ["Ended: ", el("strong", { text: label(snapshot.outcomes, "value", c.outcome) }), "."]),
         event ? el("a", { "class": "taplink", href: "/live/events/" + event.id + "/" }, ["Back to " + event.name]) : null]);
    var timer = el("time", { id: "live-timer", "class": "timer" + (reason && !lastSign ? " long" : "") });
    function tick() {
      var s = Math.max(0, Math.floor(((c.ended_at ? Date.parse(c.ended_at) : Date.now()) - Date.parse(c.started_at)) / 1000));
      timer.textContent = Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
      if (open && !lastSign && s >= limit) {
        timer.classList.add("long");
        var prompt = document.getElementById("exit-prompt"), why = document.getElementById("exit-reason");
        if (prompt && prompt.hidden) { prompt.hidden = false; why.textContent = "You have been talking for over " + snapshot.settings.long_conversation_minutes + " minutes"; }
      }
    }
    tick(); clearInterval(timerHandle); if (open) timerHandle = setInterval(tick, 1000);
    return [el("div", { "class": "convo-head" }, [el("div", {}, [el("h1", { text: person.name }), event ? el("span", { "class": "muted small", text: "at " + event.name }) : null]), timer]),
      c.local ? el("p", { "class": "muted small", id: "live-local-note", text: "Started on this phone; it is sent when you are back online." }) : null,
      storyCard, signsCard, endCard];
  }

  function personScreen(m, person) {
    var b = person.briefing || {};
    return [el("h1", { text: person.name }), asOfLine(),
      el("p", { "class": "muted", text: [person.role, person.company].filter(Boolean).join(", ") }),
      card("Story", [el("h2", { text: "Story" }), el("dl", { "class": "known" }, [].concat.apply([], snapshot.questions.map(function (q) {
        return [el("dt", { text: q.label }), el("dd", { text: (person.story || {})[q.facet] || "—" })]; })))]),
      card("Briefing", [el("h2", { text: "Before you meet" }),
        b.met ? el("p", { text: b.met }) : null,
        b.last_talked_at ? el("p", { text: "Last talked " + new Date(b.last_talked_at).toLocaleDateString() + (b.last_event ? " at " + b.last_event : "") }) : null,
        (b.open_followups || []).length ? el("ul", {}, b.open_followups.map(function (f) { return el("li", { text: "Promised: " + f.text + (f.due ? " (due " + f.due + ")" : "") }); })) : null,
        (b.next_questions || []).length ? el("ul", {}, b.next_questions.map(function (q) { return el("li", { text: "Ask: " + q }); })) : null])];
  }

  function waitingScreen() {
    var list = items.map(function (item) {
      var fields = HallwayQueue.fields(item);
      var editable = ["name", "text", "followup"].filter(function (name) { return typeof fields[name] === "string"; });
      var inputs = {};
      var fix = item.state === "refused" ? el("form", { "class": "stack", onsubmit: function (e) {
        e.preventDefault(); var body = {};
        editable.forEach(function (name) { body[name] = inputs[name].value; });
        HallwayQueue.retry(item.id, { body: body });
      } }, editable.map(function (name) {
        inputs[name] = el("input", { type: "text", name: name, value: fields[name], "aria-label": "Fix " + name });
        return inputs[name];
      }).concat([el("div", { "class": "row" }, [editable.length ? el("button", { type: "submit" }, ["Fix and send"]) : el("button", { type: "button", onclick: function () { HallwayQueue.retry(item.id); } }, ["Try again"]),
        el("button", { type: "button", "class": "secondary", onclick: function () {
          if (window.confirm("Discard “" + item.label + "”? It will not be sent.")) HallwayQueue.discard(item.id); } }, ["Discard"])])])) : null;
      return el("li", { "class": "waiting-item " + item.state }, [
        el("div", { "class": "spread" }, [el("strong", { text: item.label }), el("span", { "class": "muted small", text: time(item.createdAt) + " · " + (item.state === "refused" ? "refused" : item.state === "held" ? "held" : "waiting") })]),
        item.reason ? el("p", { "class": item.state === "refused" ? "errorlist" : "muted small", role: item.state === "refused" ? "alert" : null, text: item.reason }) : null,
        fix]);
    });
    return [el("h1", { text: items.length ? items.length + " waiting to send" : "Nothing waiting to send" }),
      items.length ? el("p", { "class": "muted", text: "Saved on this phone; sent in this order, exactly once, when there is a connection." })
                   : el("p", { "class": "muted", text: "Everything you captured has reached the server." }),
      items.length ? el("ul", { "class": "list", id: "waiting-list" }, list) : null,
      items.length ? el("button", { type: "button", onclick: function () { HallwayQueue.flush(); } }, ["Send now"]) : null];
  }

  function notSaved() {
    return [el("h1", { text: "Not saved on this phone" }),
      el("p", { text: "This page was not opened before the signal dropped, so there is no copy of it here." }),
      el("p", {}, [el("a", { "class": "button", href: "/live/" }, ["Go to the live screen"])])];
  }

  // --- routing -----------------------------------------------------------------------
  function screen(m) {
    var path = window.location.pathname, match;
    if (path === "/live/waiting/") return waitingScreen();
    if (!snapshot) return [el("h1", { text: "Nothing saved yet" }), el("p", { text: "Open Hallway once with a connection; after that the live screens work with no signal." })];
    if ((match = /^\/live\/conversations\/([A-Za-z0-9_-]+)\/$/.exec(path))) {
      var c = conversationOf(m, match[1]);
      return c ? conversationScreen(m, c) : notSaved();
    }
    if ((match = /^\/live\/events\/(\d+)\/start\/$/.exec(path)) && m.events[match[1]]) return startScreen(m, m.events[match[1]]);
    if ((match = /^\/live\/events\/(\d+)\/$/.exec(path)) && m.events[match[1]]) return eventScreen(m, m.events[match[1]]);
    if ((match = /^\/(?:people|recall\/people)\/(\d+)\/$/.exec(path)) && m.people[match[1]]) return personScreen(m, m.people[match[1]]);
    if (path === "/app/start/" && m.current && m.events[m.current] && m.events[m.current].today) return eventScreen(m, m.events[m.current]);
    if (/^\/live\/(app\/)?$/.test(path) || path === "/app/start/") return checkInScreen(m);
    return notSaved();
  }
  var drawn = null;
  function signature() {
    return JSON.stringify([items.map(function (item) { return [item.id, item.state, item.reason]; }),
                           snapshot && snapshot.fetched_at, ids]);
  }
  // What the user is typing survives a redraw (the queue changes while they type).
  function keepInputs() {
    var kept = {};
    Array.prototype.forEach.call(root.querySelectorAll("input[id]"), function (input) {
      kept[input.id] = input.type === "radio" ? null : input.value;
    });
    var radio = root.querySelector("input[name=outcome]:checked");
    return { values: kept, outcome: radio && radio.dataset.chosen ? radio.value : null };
  }
  function restoreInputs(kept) {
    Object.keys(kept.values).forEach(function (id) {
      var input = document.getElementById(id);
      if (input && kept.values[id] !== null && !input.value) input.value = kept.values[id];
    });
    if (kept.outcome) {
      var radio = root.querySelector("input[name=outcome][value=" + kept.outcome + "]");
      if (radio) { radio.checked = true; radio.dataset.chosen = "1"; }
    }
  }
  root.addEventListener("change", function (event) {
    if (event.target.name === "outcome") event.target.dataset.chosen = "1";
  });
  function render() {
    return Promise.all([HallwayQueue.list(), window.HallwayPocket.get("snapshot"), window.HallwayPocket.get("ids")]).then(function (found) {
      items = found[0]; snapshot = found[1] || null; ids = found[2] || {};
      if (drawn === signature()) return;
      drawn = signature();
      // Back online and the conversation reached the server: go to its real page.
      var match = /^\/live\/conversations\/([A-Za-z0-9_-]+)\/$/.exec(window.location.pathname);
      if (match && ids[match[1]] && !document.body.dataset.offline && navigator.onLine !== false &&
          !items.some(function (item) { return item.meta && item.meta.ref === match[1]; })) {
        window.location.replace("/live/conversations/" + ids[match[1]] + "/");
        return;
      }
      var m = snapshot ? model() : null;
      var focused = document.activeElement && document.activeElement.id, kept = keepInputs();
      root.textContent = "";
      screen(m).forEach(function (node) { if (node) root.appendChild(node); });
      restoreInputs(kept);
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      root.dataset.ready = "1";
    });
  }
  window.addEventListener("hallway-queue:change", function () { render(); });
  window.addEventListener("hallway-pocket:snapshot", function () { render(); });
  window.addEventListener("hallway-pocket:ids", function () { render(); });
  render();
})();
