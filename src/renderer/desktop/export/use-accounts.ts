/** The connected accounts, for the wizard's account choice and for naming accounts in messages. */
import { useEffect, useState } from 'react';
import type { AccountSummary } from '../../../shared/api/types';
import { useApi } from '../api/context';

export function useAccounts() {
  const api = useApi();
  const [accounts, setAccounts] = useState<readonly AccountSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.listAccounts({}).then(setAccounts, setError);
  }, [api]);
  return { accounts, error };
}
