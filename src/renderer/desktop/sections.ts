/** The window's sections, and the address fragment that names each (#/devices): back and forward work, and a section can be linked. */
import { useCallback, useEffect, useState } from 'react';

export const sections = ['contacts', 'lookup', 'devices', 'history', 'settings', 'connect'] as const;
export type Section = (typeof sections)[number];

function sectionOf(hash: string): Section {
  const name = hash.replace(/^#\/?/, '');
  return (sections as readonly string[]).includes(name) ? (name as Section) : 'contacts';
}

export function useSection(): [Section, (section: Section) => void] {
  const [section, setSection] = useState<Section>(() => sectionOf(window.location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Section) => {
    window.location.hash = `/${next}`;
    setSection(next);
  }, []);
  return [section, go];
}
