/**
 * The companion phone page (placeholder). The delivery issue fills it in: pairing over the
 * local network, decrypting the contacts, and handing them to the address book.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function PhonePage() {
  const russian = navigator.language.toLowerCase().startsWith('ru');
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '1.5em', maxWidth: '30em', margin: '0 auto' }}>
      <h1>amo-phonebook</h1>
      <p>
        {russian
          ? 'Отсканируйте QR-код в приложении на компьютере, чтобы получить контакты.'
          : 'Scan the QR code shown by the desktop app to receive your contacts.'}
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PhonePage />
    </StrictMode>,
  );
}
