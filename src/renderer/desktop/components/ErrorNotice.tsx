/**
 * An error in words a sales manager understands, from the error's stable code. Drawn where the
 * person is looking (beside what failed) and scrolled into view when it appears, so a message is
 * never above or below the visible part of a pane.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError, isErrorCode } from '../../../shared/errors';

export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof AppError && isErrorCode(error.code)) {
      return t(`errors.${error.code}`, { ...error.params, message: error.message });
    }
    return t('errors.unknown');
  };
}

export function ErrorNotice({ error }: { error: unknown }) {
  const errorText = useErrorText();
  const notice = useRef<HTMLParagraphElement>(null);
  const shown = error !== null && error !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new error scrolls into view, not only the first
  useEffect(() => {
    // 'nearest' moves the pane only as far as needed: a message already in view stays put.
    if (shown) notice.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown, error]);
  if (!shown) return null;
  return (
    <p className="notice notice-error" role="alert" ref={notice}>
      {errorText(error)}
    </p>
  );
}
