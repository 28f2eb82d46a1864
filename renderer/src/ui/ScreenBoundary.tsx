import { Component, type ReactNode } from 'react';

/**
 * Keeps a failure inside one screen: a screen whose code could not be loaded (the app was updated while
 * this window stayed open) or that threw while rendering shows a message and a reload button, and the
 * navigation around it keeps working. Keyed by route by its parent, so moving to another screen resets it.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="card" role="alert" data-testid="screen-failed">
        <h2>Layar ini tidak dapat ditampilkan</h2>
        <p className="muted">Kemungkinan aplikasi baru saja diperbarui. Data yang sudah disimpan tidak hilang.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Muat ulang aplikasi
        </button>
      </section>
    );
  }
}
