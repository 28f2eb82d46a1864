import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria-components';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* React Aria's fields speak Indonesian (dates hh/bb/tttt) whatever the computer's locale. */}
    <I18nProvider locale="id-ID">
      <App />
    </I18nProvider>
  </StrictMode>,
);
