// The inspection record on a phone: every change is sent at once; the page keeps the
// unsent changes in localStorage, so a dropped connection loses nothing and they are
// sent again when the connection returns.
(function () {
  var form = document.getElementById("record-form");
  if (!form) return;
  var url = form.dataset.saveUrl;
  var key = "tttt-record-" + form.dataset.record;
  var status = document.getElementById("save-status");
  var version = parseInt(form.dataset.version, 10);
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var pending = JSON.parse(localStorage.getItem(key) || "{}");
  var sending = false;

  function show(text, kind) {
    status.textContent = text;
    status.dataset.kind = kind || "";
  }

  function remember(itemId, field, value) {
    if (itemId === "findings") {
      pending.findings = value;
    } else {
      pending.items = pending.items || {};
      pending.items[itemId] = pending.items[itemId] || {};
      pending.items[itemId][field] = value;
    }
    localStorage.setItem(key, JSON.stringify(pending));
  }

  function send() {
    if (sending || !Object.keys(pending).length) return;
    sending = true;
    var body = JSON.stringify({ version: version, items: pending.items || {}, findings: pending.findings });
    var sent = pending;
    pending = {};
    fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrf }, body: body,
                 credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, status: r.status, data: data }; }); })
      .then(function (res) {
        sending = false;
        if (res.ok) {
          version = res.data.version;
          form.dataset.version = String(version);
          show("Đã lưu lúc " + res.data.saved_at, "ok");
          localStorage.setItem(key, JSON.stringify(pending));
          if (Object.keys(pending).length) send();
        } else {
          pending = merge(sent, pending);
          localStorage.setItem(key, JSON.stringify(pending));
          show(res.data.error || "Không lưu được.", "error");
        }
      })
      .catch(function () {
        sending = false;
        pending = merge(sent, pending);
        localStorage.setItem(key, JSON.stringify(pending));
        show("Mất kết nối — các thay đổi được giữ trên máy và sẽ gửi lại.", "offline");
      });
  }

  function merge(older, newer) {
    var out = JSON.parse(JSON.stringify(older));
    if (newer.findings !== undefined) out.findings = newer.findings;
    Object.keys(newer.items || {}).forEach(function (id) {
      out.items = out.items || {};
      out.items[id] = Object.assign(out.items[id] || {}, newer.items[id]);
    });
    return out;
  }

  form.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.dataset.item) return;
    remember(el.dataset.item, el.dataset.field, el.value);
    send();
  });
  form.addEventListener("input", function (event) {
    var el = event.target;
    if (el.dataset.item && el.tagName !== "SELECT" && el.type !== "radio") {
      remember(el.dataset.item, el.dataset.field, el.value);
    }
  });
  // Closing the record waits until every change has reached the server.
  var closeForm = document.getElementById("close-form");
  if (closeForm) {
    closeForm.addEventListener("submit", function (event) {
      if (!sending && !Object.keys(pending).length) return;
      event.preventDefault();
      show("Đang lưu các thay đổi trước khi khóa…", "");
      send();
      var wait = setInterval(function () {
        if (!sending && !Object.keys(pending).length) {
          clearInterval(wait);
          closeForm.submit();
        } else if (!sending) {
          send();
        }
      }, 300);
    });
  }
  window.addEventListener("online", send);
  setInterval(send, 5000);
  if (Object.keys(pending).length) {
    show("Có thay đổi chưa gửi từ lần trước — đang gửi lại…", "offline");
    send();
  }
})();
