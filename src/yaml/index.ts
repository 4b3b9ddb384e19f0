export { parseYaml, snippet } from './parse-yaml.js';
export { loadYamlFile, type LoadYamlOptions } from './load-yaml-file.js';
export { positionOf, valuePositionOf, whereOf, recordPositions, type NodePositions } from './positions.js';
export { UnsafeText, isUnsafeText } from './unsafe.js';
