export { analyseTopology } from './analyse.js';
export type { TopologyAnalysis, TopologyInput } from './analyse.js';
export { components, indexGraph, neighboursOf, reach } from './graph.js';
export type { Adjacency, GraphIndex, Reached } from './graph.js';
export { createAlertMapper, parseSelector } from './mapping.js';
export type { TopologyAlert } from './mapping.js';
export { neighbourhood } from './neighbourhood.js';
