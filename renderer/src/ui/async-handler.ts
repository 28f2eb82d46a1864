import { useApp } from '../store';

/**
 * An event handler that does async work (a contract call, then a toast or a new screen). React drops the
 * promise a handler returns, so an unexpected failure would end as an unhandled rejection nobody sees; here
 * the officer is told and it is logged. Expected failures are Results (renderer/src/api.ts), which the
 * handler itself turns into messages.
 */
export function asyncHandler<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => {
    fn(...args).catch((err: unknown) => {
      console.error(err);
      useApp.getState().toast('error', 'Terjadi kesalahan yang tidak terduga. Silakan ulangi; bila berulang, hubungi admin sistem.');
    });
  };
}
