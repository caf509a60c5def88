// Reading the SFDX source under force-app/main/default for the offline validation tests: the folders, every
// file of a kind, and metadata XML parsed into plain objects (all values kept as strings, repeated elements
// as arrays) so tests compare what the files say, not what a parser guessed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const forceAppDir = join(packageRoot, 'force-app');
export const defaultDir = join(forceAppDir, 'main', 'default');
export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
export const API_VERSION = '66.0';

/** Every file under `dir` (recursively) whose path passes `keep`, sorted. */
export function filesUnder(dir: string, keep: (path: string) => boolean = () => true): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(keep)
    .sort();
}

/** Elements that may repeat in the metadata types Leadwire authors: always arrays once parsed. */
const REPEATED = new Set([
  'value',
  'fieldPermissions',
  'objectPermissions',
  'userPermissions',
  'tabSettings',
  'layoutSections',
  'layoutColumns',
  'layoutItems',
  'relatedLists',
  'fields',
  'columns',
  'filters',
  'target',
  'targetConfig',
  'object',
  'referenceTo',
  'customTabListAdditionalFields',
  'searchResultsAdditionalFields',
  'objectMapping',
  'mappingFields',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** The root element's name and content of a metadata XML file. */
export function readMetadata(path: string): { root: string; body: XmlNode } {
  const parsed = parser.parse(readFileSync(path, 'utf8')) as XmlNode;
  const roots = Object.keys(parsed).filter((name) => name !== '?xml');
  const root = roots[0];
  if (roots.length !== 1 || root === undefined)
    throw new Error(`${path}: expected one root element, found ${roots.join(', ')}`);
  const body = parsed[root];
  return { root, body: typeof body === 'object' && !Array.isArray(body) ? body : {} };
}

/** A child element's text ('' when absent); the first one's when the element repeats. */
export function text(node: XmlNode | undefined, name: string): string {
  const value = node?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** A repeated child element as an array of nodes (or strings). */
export function list<T extends XmlValue = XmlNode>(node: XmlNode | undefined, name: string): T[] {
  const value = node?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}
