/**
 * The stepper's keys, as a pure step function: `press(session, key)` moves the
 * {@link Stepper} and returns the next session (the prompt being typed, the notice to show,
 * whether help is open, whether to quit). The terminal shell only decodes keys, calls this
 * and draws {@link frameOf}; tests drive it with a list of keys.
 */
import type { Recorded } from '../../core/catalogue.js';
import { renderFrame } from './frame.js';
import type { Stepper } from './stepper.js';

/**
 * A decoded key: a printable character (`n`, `7`, `/`) or one of the names `space`,
 * `right`, `left`, `enter`, `escape`, `backspace`, `ctrl-c`.
 */
export type Key = string;

/** Where the keys go: stepping, or a prompt being typed after `g` or `/`. */
export type Mode = { readonly kind: 'step' } | { readonly kind: 'goto' | 'search'; readonly text: string };

/** Everything the stepper's screen needs besides the stepper itself. */
export interface Session {
  readonly mode: Mode;
  readonly help: boolean;
  /** The line shown at the bottom until the next key. */
  readonly notice: string;
  readonly lastSearch?: string;
  readonly quit: boolean;
}

/** A new session: stepping, no notice. */
export function newSession(): Session {
  return { mode: { kind: 'step' }, help: false, notice: '', quit: false };
}

const STEP: Mode = { kind: 'step' };

/** Whether the event's type contains `text`, ignoring case. */
export function typeMatches(text: string): (e: Recorded) => boolean {
  const needle = text.toLowerCase();
  return (e) => e.type.toLowerCase().includes(needle);
}

function single(key: Key): string | undefined {
  if (key === 'space') return ' ';
  return [...key].length === 1 ? key : undefined;
}

function typing(session: Session, key: Key, onEnter: (text: string) => Session): Session {
  const mode = session.mode as Exclude<Mode, { kind: 'step' }>;
  if (key === 'escape') return { ...session, mode: STEP, notice: 'cancelled' };
  if (key === 'enter') return onEnter(mode.text);
  if (key === 'backspace') return { ...session, mode: { ...mode, text: [...mode.text].slice(0, -1).join('') }, notice: '' };
  const ch = single(key);
  if (ch === undefined || (mode.kind === 'goto' && !/[0-9]/.test(ch))) return session;
  return { ...session, mode: { ...mode, text: mode.text + ch }, notice: '' };
}

/**
 * The session after `key`, having moved `stepper` as the key asks.
 * @example let s = newSession(); for (const k of ['n', 'n', 'left']) s = press(s, k, stepper);
 */
export function press(session: Session, key: Key, stepper: Stepper): Session {
  if (key === 'ctrl-c') return { ...session, quit: true };
  if (session.mode.kind === 'goto') {
    return typing(session, key, (text) => {
      const seq = Number(text);
      if (text === '' || seq > stepper.last) {
        return { ...session, mode: STEP, notice: `no seq ${text || '(none)'}: the history runs from 0 to ${stepper.last}` };
      }
      stepper.goTo(seq);
      return { ...session, mode: STEP, notice: '' };
    });
  }
  if (session.mode.kind === 'search') {
    return typing(session, key, (text) => {
      const wanted = text === '' ? session.lastSearch : text;
      if (wanted === undefined) return { ...session, mode: STEP, notice: 'nothing to search for yet' };
      const found = stepper.find(typeMatches(wanted));
      const notice = found ? '' : `no event type containing "${wanted}" after seq ${stepper.seq}`;
      return { ...session, mode: STEP, lastSearch: wanted, notice };
    });
  }
  const moved = (ok: boolean, otherwise: string): Session => ({ ...session, notice: ok ? '' : otherwise });
  switch (key) {
    case 'n':
    case 'space':
    case 'right':
      return moved(stepper.next(), 'at the end of the history');
    case 'b':
    case 'left':
      return moved(stepper.back(), 'at the start of the history');
    case 'd':
      return moved(stepper.nextDisputeChange(), `no dispute changes after seq ${stepper.seq}`);
    case 'g':
      return { ...session, mode: { kind: 'goto', text: '' }, notice: '' };
    case '/':
      return { ...session, mode: { kind: 'search', text: '' }, notice: '' };
    case '?':
    case 'h':
      return { ...session, help: !session.help, notice: '' };
    case 'q':
      return { ...session, quit: true };
    case 'escape':
      return { ...session, notice: '' };
    default:
      return { ...session, notice: `unknown key ${JSON.stringify(key)}: press ? for help` };
  }
}

/** The bottom line: the prompt being typed, or the notice. */
function statusOf(session: Session): string {
  if (session.mode.kind === 'goto') return `go to seq: ${session.mode.text}_`;
  if (session.mode.kind === 'search') return `search event type: ${session.mode.text}_`;
  return session.notice;
}

/** The screen for `session` at the stepper's position, as lines. */
export function frameOf(session: Session, stepper: Stepper, rows = 40): string[] {
  return renderFrame({
    step: stepper.current(),
    state: stepper.peek(),
    last: stepper.last,
    status: statusOf(session),
    help: session.help,
    rows,
  });
}
