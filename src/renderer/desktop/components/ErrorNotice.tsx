/** An error in words a sales manager understands, from the error's stable code. */
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
  if (error === null || error === undefined) return null;
  return (
    <p className="notice notice-error" role="alert">
      {errorText(error)}
    </p>
  );
}
