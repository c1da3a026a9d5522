// Passkeys: registration on the Sign-in security page, sign-in on the sign-in and second-factor pages. The server
// side is Spring Security's WebAuthn endpoints; the browser's JSON helpers turn their options into WebAuthn calls.
(function () {
  function csrfHeaders() {
    var body = document.body;
    var headers = { "Content-Type": "application/json" };
    var name = body.getAttribute("data-csrf-header");
    var token = body.getAttribute("data-csrf-token");
    if (name && token) {
      headers[name] = token;
    }
    return headers;
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      headers: csrfHeaders(),
      credentials: "same-origin",
      body: data === undefined ? undefined : JSON.stringify(data)
    });
  }

  function say(element, text) {
    if (element) {
      element.textContent = text;
      element.hidden = !text;
    }
  }

  function supported() {
    return window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON;
  }

  async function register(form) {
    var status = document.getElementById("passkey-status");
    var label = form.querySelector("[name=label]").value.trim();
    if (!label) {
      say(status, "Give the passkey a name, such as the device it is on.");
      return;
    }
    try {
      var options = await (await post("/webauthn/register/options")).json();
      var credential = await navigator.credentials.create({
        publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options)
      });
      var answer = await post("/webauthn/register", { publicKey: { credential: credential.toJSON(), label: label } });
      var result = await answer.json();
      if (!answer.ok || !result.success) {
        say(status, "The passkey was not saved. Please try again.");
        return;
      }
      window.location.assign("/profile/security");
    } catch (e) {
      say(status, "No passkey was made (" + e.name + ").");
    }
  }

  async function signIn(button) {
    var status = document.getElementById("passkey-status");
    try {
      var options = await (await post("/webauthn/authenticate/options")).json();
      var credential = await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options)
      });
      var answer = await post("/login/webauthn", credential.toJSON());
      if (!answer.ok) {
        say(status, "This passkey did not sign you in.");
        return;
      }
      var result = await answer.json();
      window.location.assign(result.redirectUrl || "/");
    } catch (e) {
      say(status, "No passkey was used (" + e.name + ").");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("passkey-register");
    var button = document.getElementById("passkey-sign-in");
    if (!supported()) {
      [form, button].forEach(function (el) {
        if (el) {
          el.hidden = true;
        }
      });
      return;
    }
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        register(form);
      });
    }
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        signIn(button);
      });
    }
  });
})();
