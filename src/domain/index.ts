export * from './alert.js';
export * from './assert-never.js';
export * from './severity.js';
export * from './snapshot.js';
export * from './source.js';
