/**
 * Which face shows this window (the desktop app, or a browser talking to `serve`): browser mode
 * may run on another computer than its files, so it downloads what the desktop app writes.
 * Null until the core has answered.
 */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api/types';
import { useApi } from '../api/context';

export function useFace(): AppInfo['face'] | null {
  const api = useApi();
  const [face, setFace] = useState<AppInfo['face'] | null>(null);
  useEffect(() => {
    let current = true;
    api.getAppInfo({}).then(
      (info) => current && setFace(info.face),
      () => current && setFace(null),
    );
    return () => {
      current = false;
    };
  }, [api]);
  return face;
}
