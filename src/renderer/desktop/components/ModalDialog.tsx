/**
 * The window's modal: above everything, named by its title, Escape closes it (unless busy), and
 * the focus goes back where it was when it closes. Each dialog decides which of its buttons takes
 * the focus when it opens (the safe one).
 */
import { type ReactNode, useEffect, useId } from 'react';
import '../sections.css';

interface Props {
  /** 'alertdialog' for a question before something that cannot be undone. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly title: ReactNode;
  /** Extra attributes of the title (a result dialog's title is also its status line). */
  readonly titleProps?: { readonly className?: string; readonly role?: 'status' };
  readonly children: ReactNode;
  /** Escape; absent while the dialog must not be left (busy). */
  readonly onEscape?: (() => void) | undefined;
  /** The id of the text that describes the dialog, if any. */
  readonly describedBy?: string;
}

export function ModalDialog({ role = 'dialog', title, titleProps, children, onEscape, describedBy }: Props) {
  const id = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => opener?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: the role is 'dialog' or 'alertdialog' (a prop), both interactive and both modal */}
      <div
        className="dialog card"
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={describedBy}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onEscape?.();
        }}
      >
        <h2 id={`${id}-title`} {...titleProps}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
