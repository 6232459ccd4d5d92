// Passkey ceremonies (WebAuthn) for the sign-in and account pages. Progressive enhancement: the
// button is made here (text from data-button) and its container ([data-passkey-form], hidden in the
// HTML) shown only when the browser has WebAuthn and SimpleWebAuthn's browser bundle loaded
// (/identity/simplewebauthn-browser.js, before this file). Without JavaScript there is no button.
// Each section says what to do with data attributes:
//   data-passkey="sign-in" | "register", data-options / data-verify (same-origin JSON endpoints),
//   data-csrf (sent as x-csrf-token), data-area and data-next (sign-in), data-msg-* (texts).
// No inline script or style: the strict Content-Security-Policy stays as it is.
"use strict";

(function () {
  var lib = window.SimpleWebAuthnBrowser;
  var supported = Boolean(lib && window.PublicKeyCredential && typeof lib.browserSupportsWebAuthn === "function" && lib.browserSupportsWebAuthn());

  function postJson(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(
        function (json) { return { ok: response.ok, json: json }; },
        function () { return { ok: false, json: {} }; }
      );
    });
  }

  function setup(section) {
    var kind = section.getAttribute("data-passkey");
    var status = section.querySelector("[data-passkey-status]");
    var fallback = section.querySelector("[data-passkey-fallback]");
    var form = section.querySelector("[data-passkey-form]");
    var label = section.querySelector("[data-passkey-label]");
    if (!form || !status || !supported) return;
    // The button exists only where it can work: made here, not in the HTML.
    var group = document.createElement("div");
    group.className = "button-group";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = form.getAttribute("data-button") || "";
    group.appendChild(button);
    form.appendChild(group);
    if (fallback) fallback.hidden = true;
    form.hidden = false;

    function say(text, isError) {
      status.textContent = text;
      status.className = isError ? "field__error" : "";
      status.setAttribute("role", isError ? "alert" : "status");
    }

    button.addEventListener("click", function () {
      var csrf = section.getAttribute("data-csrf") || "";
      var body = kind === "sign-in" ? { area: section.getAttribute("data-area") || "resident" } : {};
      button.disabled = true;
      say(section.getAttribute("data-msg-working") || "", false);
      postJson(section.getAttribute("data-options"), csrf, body)
        .then(function (started) {
          if (!started.ok || !started.json.options) throw { ours: true, message: started.json.message };
          var ceremony = kind === "sign-in"
            ? lib.startAuthentication({ optionsJSON: started.json.options })
            : lib.startRegistration({ optionsJSON: started.json.options });
          return ceremony.then(
            function (response) { return response; },
            function () { throw { ours: true, message: section.getAttribute("data-msg-cancelled") }; }
          );
        })
        .then(function (response) {
          var payload = { response: response };
          if (kind === "sign-in") {
            payload.area = section.getAttribute("data-area") || "resident";
            payload.next = section.getAttribute("data-next") || "";
          } else if (label) {
            payload.label = label.value;
          }
          return postJson(section.getAttribute("data-verify"), csrf, payload);
        })
        .then(function (finished) {
          if (!finished.ok || !finished.json.redirect) throw { ours: true, message: finished.json.message };
          window.location.assign(finished.json.redirect);
        })
        .catch(function (error) {
          button.disabled = false;
          // Only our own messages are shown; a network or script error gets the general one.
          say((error && error.ours && error.message) || section.getAttribute("data-msg-failed") || "", true);
        });
    });
  }

  var sections = document.querySelectorAll("[data-passkey]");
  for (var i = 0; i < sections.length; i++) setup(sections[i]);
})();
