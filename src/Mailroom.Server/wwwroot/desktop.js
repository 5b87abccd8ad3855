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
  // A canned answer, already rendered and sanitized by the server, appended where the agent is writing.
  insertHtml(el, html) { if (el) { el.insertAdjacentHTML("beforeend", html); el.focus(); } },
  format(command, value) { document.execCommand(command, false, value ?? null); },
};
