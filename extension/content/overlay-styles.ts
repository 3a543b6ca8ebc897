/** Styles inside the closed shadow root: page CSS cannot reach them, and they cannot leak out. */
export const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; z-index: 2147483647; cursor: crosshair; touch-action: none;
  background: rgba(15, 23, 42, 0.35); font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.layer.selecting { background: transparent; }
.box { position: fixed; display: none; border: 2px solid #fff; outline: 1px solid #1f5fa8;
  box-shadow: 0 0 0 100vmax rgba(15, 23, 42, 0.35); pointer-events: none; }
.hint, .toast { position: fixed; left: 50%; top: 16px; transform: translateX(-50%); max-width: min(90vw, 560px);
  padding: 10px 16px; border-radius: 8px; background: #0f2f57; color: #fff; box-shadow: 0 6px 20px rgba(0,0,0,.3);
  pointer-events: none; text-align: center; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.toast { z-index: 2147483647; }
.toast.failed { background: #8c1d18; }
`;
