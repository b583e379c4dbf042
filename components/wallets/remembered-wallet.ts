// The wallet that signed in last on this browser, so the next sign-in is one click. Only the
// wallet's id is kept, never an address; storage may be blocked (private windows), so every
// access is allowed to fail.
const KEY = "keyport:last-wallet";

export function rememberedWallet(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();

/** For useSyncExternalStore: told when this tab or another changes the remembered wallet. */
export function subscribeRemembered(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function rememberWallet(id: string) {
  try {
    window.localStorage.setItem(KEY, id);
    listeners.forEach((l) => l());
  } catch {
    // Nothing to do: the next visit shows the wallet list again.
  }
}

export function forgetWallet() {
  try {
    window.localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  } catch {
    // As above.
  }
}
