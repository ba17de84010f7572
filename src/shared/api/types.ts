/**
 * What the API returns, by domain (domains/*.ts, beside each domain's verbs): plain,
 * readonly, JSON-serializable data that crosses IPC and HTTP. This index lets a caller
 * import them from one place.
 */
export type * from './domains/accounts';
export type * from './domains/app';
export type * from './domains/carddav';
export type * from './domains/contacts';
export type * from './domains/devices';
export type * from './domains/export';
export type * from './domains/handoff';
export type * from './domains/history';
export type * from './domains/sync';
