// The few things the desktop needs from the browser itself; everything else is server-rendered Blazor.
window.mailroom = {
  // A short two-tone chime for a new offer (account setting "sound"); no audio file to load.
  ring() {
    try {
      const ctx = new AudioContext();
      [880, 660].forEach((hz, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.15, ctx.currentTime + i * 0.18);
        gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.18 + 0.16);
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + i * 0.18);
        osc.stop(ctx.currentTime + i * 0.18 + 0.17);
      });
      window.mailroom.rings = (window.mailroom.rings || 0) + 1;
    } catch { /* no audio device: the offer is still shown */ }
  },
  // The HTML editor is a contenteditable div; Blazor reads its markup when the agent sends.
  editorHtml(el) { return el ? el.innerHTML : ""; },
  clearEditor(el) { if (el) { el.innerHTML = ""; } },
  // A canned answer, already rendered and sanitized by the server, put where the agent's cursor was in the
  // editor (picking the answer from the list moved the focus away); with no cursor there yet, at the end.
  insertHtml(el, html) {
    if (!el) { return; }
    const range = lastEditorRange && el.contains(lastEditorRange.startContainer) ? lastEditorRange : null;
    if (range) {
      range.deleteContents();
      const fragment = range.createContextualFragment(html);
      const last = fragment.lastChild;
      range.insertNode(fragment);
      if (last) { range.setStartAfter(last); range.collapse(true); }
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    } else {
      el.insertAdjacentHTML("beforeend", html);
    }
    el.focus();
  },
  // The plain-text editor's cursor, so a canned answer goes there and not at the end.
  caret(el) { return el ? [el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length] : [0, 0]; },
  focus(selector) { document.querySelector(selector)?.focus(); },
  format(command, value) { document.execCommand(command, false, value ?? null); },
  // Downloads an export (CSV, zip, PDF) through fetch so the agent sees it arrive: rows or bytes so far, a
  // percentage when the server says the total (X-Row-Count for CSV, else Content-Length), and Cancel. The
  // progress lives in `box`, an element Blazor renders empty and never touches. Returns at once: a big export
  // may outlast Blazor's interop call timeout. `body` null means GET, else it is POSTed as JSON.
  download(box, url, body, fallbackName) {
    streamDownload(box, url, body, fallbackName);
  },
};

// The last cursor position inside a rich editor, kept when the focus moves to a button or a list.
let lastEditorRange = null;
document.addEventListener("selectionchange", () => {
  const selection = getSelection();
  const node = selection.anchorNode;
  const element = node?.nodeType === Node.ELEMENT_NODE ? node : node?.parentElement;
  if (selection.rangeCount > 0 && element?.closest(".rich-editor")) {
    lastEditorRange = selection.getRangeAt(0).cloneRange();
  }
});

async function streamDownload(box, url, body, fallbackName) {
  const abort = new AbortController();
  const bar = document.createElement("progress");
  const text = document.createElement("span");
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "link export-cancel";
  cancel.textContent = "Cancel";
  cancel.onclick = () => abort.abort();
  box.replaceChildren(bar, text, cancel);
  box.dataset.state = "running";
  const finish = (state, message) => {
    box.dataset.state = state;
    text.textContent = message;
    cancel.remove();
    if (state !== "done") { bar.remove(); }
  };
  try {
    const response = await fetch(url, body === null
      ? { signal: abort.signal }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: abort.signal });
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      finish("failed", "Download failed: " + (problem?.detail || problem?.title || response.statusText));
      return;
    }
    const totalRows = headerNumber(response, "X-Row-Count");
    const totalBytes = totalRows === null ? headerNumber(response, "Content-Length") : null;
    const reader = response.body.getReader();
    const chunks = [];
    let bytes = 0;
    let newlines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) { break; }
      chunks.push(value);
      bytes += value.length;
      if (totalRows !== null) {
        for (const b of value) { if (b === 10) { newlines++; } }
        // The header line is not a row; a quoted cell may hold a newline, so never claim more rows than there are.
        const rows = Math.min(Math.max(newlines - 1, 0), totalRows);
        show(bar, text, rows, totalRows, `${rows} of ${totalRows} rows`);
      } else {
        show(bar, text, bytes, totalBytes, size(bytes) + (totalBytes === null ? "" : ` of ${size(totalBytes)}`));
      }
    }
    bar.max = 1;
    bar.value = 1;
    save(new Blob(chunks, { type: response.headers.get("Content-Type") ?? "application/octet-stream" }), fileName(response) ?? fallbackName);
    finish("done", "Done: " + (totalRows === null ? size(bytes) : `${totalRows} rows, ${size(bytes)}`));
  } catch (e) {
    finish(e.name === "AbortError" ? "cancelled" : "failed", e.name === "AbortError" ? "Cancelled." : "Download failed: " + e.message);
  }
}

function show(bar, text, done, total, words) {
  if (total) {
    bar.max = total;
    bar.value = done;
    text.textContent = `${Math.floor((done * 100) / total)}% · ${words}`;
  } else {
    bar.removeAttribute("value");
    text.textContent = words;
  }
}

function headerNumber(response, name) {
  const value = response.headers.get(name);
  return value === null || value === "" || isNaN(Number(value)) ? null : Number(value);
}

function fileName(response) {
  const match = /filename="?([^";]+)"?/i.exec(response.headers.get("Content-Disposition") ?? "");
  return match ? match[1] : null;
}

function size(bytes) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

// The bytes are already here; an object URL hands them to the browser's own download without a second request.
function save(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

// Keyboard shortcuts of the agent's desktop, as Zendesk and Help Scout agents expect them. Each presses a button
// the page already has (so the server's rules, ownership included, stay the only rules); none fires while the
// agent is typing. The list of keys is in the desktop's "?" help.
const shortcuts = {
  a: () => clickFirst("#offers li.offer button.accept"),
  x: () => clickFirst("#offers li.offer button.reject"),
  j: () => moveInList(1),
  k: () => moveInList(-1),
  r: () => clickFirst("#reply"),
  R: () => clickFirst("#reply-all"),
  f: () => clickFirst("#forward"),
  n: () => focusFirst("#note-text"),
  c: () => clickFirst("#close-interaction"),
  "/": () => focusFirst("#quick-search"),
  "?": () => document.getElementById("shortcuts-help")?.classList.toggle("open"),
  Escape: () => document.getElementById("shortcuts-help")?.classList.remove("open"),
};

document.addEventListener("keydown", (e) => {
  // Ctrl+Enter sends from anywhere in the composer, as in every mail client.
  if ((e.ctrlKey || e.metaKey) && e.key === "Enter" && e.target instanceof Element && e.target.closest("#composer")) {
    e.preventDefault();
    clickFirst("#composer #send");
    return;
  }
  if (!document.querySelector(".desktop") || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
  const action = shortcuts[e.key];
  if (action) {
    e.preventDefault();
    action();
  }
});

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function clickFirst(selector) { document.querySelector(selector)?.click(); }

function focusFirst(selector) { document.querySelector(selector)?.focus(); }

// j / k: the next or previous row of the list is opened, as in a mail client.
function moveInList(step) {
  const rows = [...document.querySelectorAll("#interactions li.row")];
  if (rows.length === 0) { return; }
  const current = rows.findIndex((r) => r.classList.contains("selected"));
  const next = rows[Math.min(rows.length - 1, Math.max(0, current < 0 ? 0 : current + step))];
  next.click();
  next.focus();
}
