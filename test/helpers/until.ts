/** The one polling helper of the tests; it lives with the stand-ins, whose own tests use it too. */
export { until, type UntilOptions } from '../../packages/standins/src/testing';
