/**
 * Parley's version, recorded in every log's LogStarted event and printed by `parley
 * --version`. A constant rather than a runtime read of package.json, so that the library works
 * bundled and in browsers; a test keeps it equal to package.json.
 */
export const PARLEY_VERSION = '0.1.0';
