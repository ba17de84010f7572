/**
 * A modal question before something that cannot be undone. The safe answer (cancel) has
 * the focus, Escape means cancel, and focus returns where it was when the dialog closes.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../components/ModalDialog';

interface Props {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, busy = false, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);

  return (
    <ModalDialog role="alertdialog" title={title} describedBy={`${id}-body`} onEscape={busy ? undefined : onCancel}>
      <div id={`${id}-body`}>{children}</div>
      <div className="row">
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {busy ? t('common.working') : confirmLabel}
        </button>
        <button type="button" ref={cancel} disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
