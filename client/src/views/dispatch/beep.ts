// A short two-tone beep for a new report, made with WebAudio (no audio file to ship or fetch).
// Browsers only let a page make sound after the user has interacted with it, so the AudioContext
// is created on the first click or key press (armAudio) and the beep is silent until then.

let context: AudioContext | null = null;

/** Call from a user gesture (pointerdown, keydown): makes later beeps audible. */
export function armAudio(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => {});
  } catch {
    context = null; // no WebAudio here: the visual cue has to do
  }
}

export function audioArmed(): boolean {
  return context !== null && context.state === 'running';
}

/** ~0.3 s: 880 Hz then 1320 Hz, with soft edges so it does not click. */
export function beep(volume = 0.2): boolean {
  const ctx = context;
  if (ctx?.state !== 'running') return false;
  const start = ctx.currentTime;
  const gain = ctx.createGain();
  gain.connect(ctx.destination);
  gain.gain.setValueAtTime(0, start);
  for (const [i, freq] of [880, 1320].entries()) {
    const t = start + i * 0.15;
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(freq, t);
    osc.connect(gain);
    gain.gain.linearRampToValueAtTime(volume, t + 0.01);
    gain.gain.linearRampToValueAtTime(0, t + 0.13);
    osc.start(t);
    osc.stop(t + 0.14);
  }
  return true;
}
