import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria-components';
import { App } from './App';
import { kioskTokenAtLaunch, KioskApp } from './survey/KioskApp';
import { DisplayApp, displayTokenAtLaunch } from './queue/DisplayApp';
import './styles.css';

// The survey kiosk's window runs the same bundle locked to the survey (docs/adr/0010).
const kioskToken = kioskTokenAtLaunch();
// The waiting room's television likewise, locked to the queue board (docs/adr/0013).
const displayToken = kioskToken ? null : displayTokenAtLaunch();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* React Aria's fields speak Indonesian (dates hh/bb/tttt) whatever the computer's locale. */}
    <I18nProvider locale="id-ID">{kioskToken ? <KioskApp kioskToken={kioskToken} /> : displayToken ? <DisplayApp displayToken={displayToken} /> : <App />}</I18nProvider>
  </StrictMode>,
);
