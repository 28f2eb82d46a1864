/** Pure validators for identity and contact numbers entered at the counter. */
export * from './result';
export * from './nik';
export * from './npwp';
export * from './phone';
export * from './email';
