// A searchable picker for a multiple choice (<select multiple data-picker>): a search box and one
// checkbox per option, narrowed as the person types (diacritics and case ignored, đ = d). The
// select stays in the form, hidden, and follows the boxes, so the form posts what it always
// posted; without this script the select itself is used.
(function () {
  "use strict";
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  var words = {
    vi: {placeholder: "Gõ tên hoặc mã định danh để tìm", group: "Các lựa chọn: {label}",
         chosen: "Đã chọn {n}: {names}",
         nothing: "Chưa chọn nơi nào.", noMatch: "Không có lựa chọn nào khớp."},
    en: {placeholder: "Type a name or an identifier code", group: "Choices: {label}",
         chosen: "{n} chosen: {names}",
         nothing: "Nothing chosen yet.", noMatch: "No choice matches."}
  }[lang];

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d")
      .toLowerCase();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function enhance(select) {
    var label = document.querySelector('label[for="' + select.id + '"]');
    var search = element("input", "form-control mb-2");
    search.type = "search";
    search.id = select.id + "-tim";
    search.placeholder = words.placeholder;
    search.autocomplete = "off";
    if (select.getAttribute("aria-describedby")) {
      search.setAttribute("aria-describedby", select.getAttribute("aria-describedby"));
    }
    var list = element("div", "picker-list border rounded px-2 py-1");
    list.setAttribute("role", "group");
    list.tabIndex = 0;  // it scrolls: keyboard users reach it (WCAG 2.1.1)
    if (label) {
      label.htmlFor = search.id;
      list.setAttribute("aria-label", words.group.replace("{label}", label.textContent.trim()));
    }
    var empty = element("p", "text-body-secondary small mb-1", words.noMatch);
    empty.hidden = true;
    var chosen = element("p", "form-text mb-0");
    chosen.setAttribute("aria-live", "polite");
    chosen.id = select.id + "-da-chon";
    var rows = Array.prototype.map.call(select.options, function (option, index) {
      var row = element("div", "form-check");
      var box = element("input", "form-check-input");
      box.type = "checkbox";
      box.id = select.id + "-" + index;
      box.checked = option.selected;
      box.addEventListener("change", function () {
        option.selected = box.checked;
        tell();
      });
      var text = element("label", "form-check-label", option.text);
      text.htmlFor = box.id;
      row.append(box, text);
      list.append(row);
      return {row: row, key: fold(option.text)};
    });
    list.append(empty);

    function tell() {
      var names = Array.prototype.filter.call(select.options, function (o) { return o.selected; })
        .map(function (o) { return o.text; });
      chosen.textContent = names.length ? words.chosen.replace("{n}", names.length)
        .replace("{names}", names.join("; ")) : words.nothing;
    }

    search.addEventListener("input", function () {
      var wanted = fold(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (item) {
        var match = wanted.every(function (word) { return item.key.indexOf(word) !== -1; });
        item.row.hidden = !match;
        if (match) shown += 1;
      });
      empty.hidden = shown > 0;
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // searching does not send the form
    });
    select.hidden = true;
    select.after(search, list, chosen);
    tell();
  }

  document.querySelectorAll("select[multiple][data-picker]").forEach(enhance);
})();
