/**
 * The YAML 1.2 core schema of the `yaml` package (2.9.1,
 * dist/schema/core/), written as a js-yaml schema, so that js-yaml resolves
 * a plain scalar to the same value: null `~ null Null NULL` (and empty),
 * bool `true True TRUE false False FALSE`, int `[-+]?[0-9]+ 0o[0-7]+
 * 0x[0-9a-fA-F]+`, float `.inf .nan` in their spellings, `1e3`, `.5`, `1.`;
 * everything else is a string. js-yaml's own CORE_SCHEMA differs (it reads
 * `1_000` and `0b101` as ints, for one), hence the rules are copied here,
 * regexes and conversions alike (parseInt, parseFloat), and the types are
 * tried in the yaml package's order.
 *
 * Only the fast loader (scenarios/yaml-fast.ts) uses it; explicit tags
 * never reach it (the fast loader declines any text with a tag).
 */
import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string) => NULL.test(s),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => BOOL.test(s),
  construct: (s: string) => s[0] === 't' || s[0] === 'T',
});

/** yaml's intOct, int and intHex (tried in that order), one js-yaml type: they share a tag. */
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => INT_OCT.test(s) || INT.test(s) || INT_HEX.test(s),
  construct: (s: string) => (INT_OCT.test(s) ? parseInt(s.substring(2), 8) : INT.test(s) ? parseInt(s, 10) : parseInt(s.substring(2), 16)),
});

/** yaml's floatNaN, floatExp and float (tried in that order), one js-yaml type. */
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s),
  construct: (s: string) => (FLOAT_NAN.test(s) ? nanOrInfinity(s) : parseFloat(s)),
});

function nanOrInfinity(s: string): number {
  if (s.slice(-3).toLowerCase() === 'nan') return NaN;
  return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** Strings, sequences and mappings (failsafe) plus the core scalars above, in yaml's order. */
export const YAML_CORE_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });
