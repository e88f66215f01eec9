export * from './alert.js';
export * from './alert-query.js';
export * from './assert-never.js';
export * from './products.js';
export * from './severity.js';
export * from './silence.js';
export * from './snapshot.js';
export * from './source.js';
