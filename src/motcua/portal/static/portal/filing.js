// Online filing, step 2: each chosen file (several per paper) is checked (size, type) and sent
// at once, with a progress bar; the component's list is then replaced by the server's, and the
// message "required papers missing" loses that paper (it goes once none is missing). Without this
// script the same inputs are posted with the form.
(function () {
  "use strict";
  var form = document.getElementById("files-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var url = form.dataset.uploadUrl;
  var maxBytes = parseInt(form.dataset.maxBytes, 10);
  var accepted = form.dataset.accept.split(",");
  var status = document.getElementById("upload-status");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  var words = {
    vi: {
      tooBig: "Tệp “{name}” quá lớn: tối đa {mb} MB.",
      wrongType: "Tệp “{name}” không đúng định dạng: chỉ nhận {types}.",
      failed: "Không tải lên được tệp “{name}”. Hãy thử lại.",
      uploading: "Đang tải lên “{name}”…",
      done: "Đã tải lên “{name}”.",
      complete: "Đã đủ giấy tờ bắt buộc."
    },
    en: {
      tooBig: "The file “{name}” is too large: at most {mb} MB.",
      wrongType: "The file “{name}” is not an accepted type: only {types}.",
      failed: "Could not upload “{name}”. Please try again.",
      uploading: "Uploading “{name}”…",
      done: "Uploaded “{name}”.",
      complete: "Every required paper is there."
    }
  }[lang];

  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function problem(file) {
    var values = {name: file.name, mb: Math.floor(maxBytes / 1048576),
                  types: accepted.join(", ")};
    if (file.size > maxBytes) return say(words.tooBig, values);
    var dot = file.name.lastIndexOf(".");
    var extension = dot < 0 ? "" : file.name.slice(dot).toLowerCase();
    if (accepted.indexOf(extension) < 0) return say(words.wrongType, values);
    return "";
  }

  // A refusal is shown under the paper and read out by the page's status line.
  function refuse(item, text) {
    item.querySelector(".upload-error").textContent = text;
    status.textContent = text;
  }

  // The message listing the required papers still without a file follows the uploads.
  function updateMissing() {
    var missing = document.getElementById("missing");
    if (!missing) return;
    var names = [];
    form.querySelectorAll("li[data-needed]").forEach(function (item) {
      if (!item.querySelector(".files li")) names.push(item.dataset.name);
    });
    if (names.length) {
      missing.querySelector("#missing-names").textContent = names.join("; ");
    } else {
      missing.remove();
      status.textContent = words.complete;
    }
  }

  // The files are sent one after the other; the input is free again after the last.
  function send(item, input, files) {
    var file = files.shift();
    if (!file) {
      input.disabled = false;
      return;
    }
    var bar = item.querySelector("progress");
    var data = new FormData();
    data.append("component", item.dataset.component);
    data.append("file", file);
    var request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("X-CSRFToken", csrf);
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) bar.value = Math.round(100 * event.loaded / event.total);
    };
    request.onload = function () {
      bar.hidden = true;
      if (request.status === 200) {
        item.querySelector(".files").innerHTML = request.responseText;
        status.textContent = say(words.done, {name: file.name});
        updateMissing();
      } else {
        refuse(item, request.responseText || say(words.failed, {name: file.name}));
      }
      send(item, input, files);
    };
    request.onerror = function () {
      bar.hidden = true;
      refuse(item, say(words.failed, {name: file.name}));
      send(item, input, files);
    };
    bar.value = 0;
    bar.hidden = false;
    input.disabled = true;
    status.textContent = say(words.uploading, {name: file.name});
    request.send(data);
  }

  function chosen(item, input) {
    item.querySelector(".upload-error").textContent = "";
    var files = Array.prototype.slice.call(input.files);
    input.value = "";
    var refused = files.map(problem).filter(Boolean);
    if (refused.length) refuse(item, refused.join(" "));
    send(item, input, files.filter(function (file) { return !problem(file); }));
  }

  form.querySelectorAll("li[data-component]").forEach(function (item) {
    var input = item.querySelector("input[type=file]");
    input.addEventListener("change", function () { chosen(item, input); });
    // A file picked while the page was still loading (slow connection) is sent now.
    chosen(item, input);
  });
})();
