import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { kioskTokenAtLaunch, KioskApp } from './survey/KioskApp';
import './styles.css';

// The survey kiosk's window runs the same bundle locked to the survey (docs/adr/0007).
const kioskToken = kioskTokenAtLaunch();

createRoot(document.getElementById('root')!).render(<StrictMode>{kioskToken ? <KioskApp kioskToken={kioskToken} /> : <App />}</StrictMode>);
