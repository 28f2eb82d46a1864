import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria-components';
import { App } from './App';
import { kioskTokenAtLaunch, KioskApp } from './survey/KioskApp';
import './styles.css';

// The survey kiosk's window runs the same bundle locked to the survey (docs/adr/0010).
const kioskToken = kioskTokenAtLaunch();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* React Aria's fields speak Indonesian (dates hh/bb/tttt) whatever the computer's locale. */}
    <I18nProvider locale="id-ID">{kioskToken ? <KioskApp kioskToken={kioskToken} /> : <App />}</I18nProvider>
  </StrictMode>,
);
