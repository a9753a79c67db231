/**
 * The parsed YAML tree of a scenario, indexed once so that (a) whatever must never be built
 * into a JavaScript value is found first (prototype keys, collection keys, exotic tags,
 * dangling or self-containing aliases) and (b) any issue path can be mapped to the line and
 * column of the offending node in constant time per path segment, however large the file.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

/** A problem at a character offset of the text. */
export interface TreeIssue {
  readonly offset: number;
  readonly message: string;
}

/** What is wrong with a key that is not plain text. */
export const KEY_MESSAGE = 'keys must be plain text (not lists, mappings, aliases or tagged values)';

/** Keys that would reach or replace a JavaScript prototype once built into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Explicit tags allowed: the YAML 1.2 core types, which build plain JSON-like values. */
const CORE = 'tag:yaml.org,2002:';
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => CORE + t));

/** A tag as the user wrote it: `!!binary` rather than `tag:yaml.org,2002:binary`. */
const shortTag = (tag: string): string => (tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag);

type Ranged = { range?: readonly number[] | null | undefined } | null | undefined;
const start = (node: Ranged): number => node?.range?.[0] ?? 0;

/** A scenario's YAML tree with the checks and lookups the loader needs. */
export class YamlTree {
  /** Everything that must be fixed before the tree may become a JavaScript value. */
  readonly issues: TreeIssue[] = [];
  /** Offset of the first alias, if the document uses any. */
  readonly firstAlias: number | undefined;
  private readonly targets = new Map<Alias, Node>();
  private readonly keys = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(private readonly doc: Document) {
    // Iterative pre-order walk in document order, which is also YAML's anchor order: an alias
    // refers to the last node anchored with its name before it. Aliases are not followed, so
    // the walk costs the size of the text, not of the expanded value.
    const anchors = new Map<string, Node>();
    let firstAlias: number | undefined;
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isAlias(node)) {
        firstAlias ??= start(node);
        this.checkAlias(node, anchors.get(node.source));
        continue;
      }
      if (!isScalar(node) && !isCollection(node)) continue;
      if (node.anchor) anchors.set(node.anchor, node);
      this.checkTag(node);
      if (!isCollection(node)) continue;
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isPair(item)) {
          stack.push(item.value);
          this.checkKey(item.key);
        } else {
          stack.push(item);
        }
      }
    }
    this.firstAlias = firstAlias;
    this.issues.sort((a, b) => a.offset - b.offset);
  }

  private checkAlias(alias: Alias, target: Node | undefined): void {
    if (!target) {
      const message = `unknown alias *${alias.source}: define &${alias.source} before using it`;
      this.issues.push({ offset: start(alias), message });
    } else if (target.range && start(alias) >= target.range[0] && start(alias) < target.range[2]) {
      this.issues.push({ offset: start(alias), message: `alias *${alias.source} refers to a node that contains it` });
    } else {
      this.targets.set(alias, target);
    }
  }

  private checkTag(node: Node): void {
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
      this.issues.push({ offset: start(node), message: `the tag ${shortTag(node.tag)} is not allowed in a scenario` });
    }
  }

  private checkKey(key: unknown): void {
    if (key === null) return;
    if (!isScalar(key)) {
      this.issues.push({ offset: start(key as Ranged), message: KEY_MESSAGE });
      return;
    }
    this.checkTag(key);
    if (typeof key.value === 'string' && FORBIDDEN_KEYS.has(key.value)) {
      this.issues.push({ offset: start(key), message: `"${key.value}" is not allowed as a key` });
    }
  }

  private pair(map: YAMLMap, segment: string): Pair | undefined {
    let index = this.keys.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) {
        const k = isScalar(p.key) ? String(p.key.value) : undefined;
        if (k !== undefined && !index.has(k)) index.set(k, p);
      }
      this.keys.set(map, index);
    }
    return index.get(segment);
  }

  /**
   * The source offset for an issue at `path`: the offending value; or the key introducing it
   * when `key` is set or the value is a collection (where a reader looks first); or, for a
   * path that does not exist in the file (a missing field), the deepest part of it that does.
   */
  locate(path: ReadonlyArray<string | number>, key = false): number {
    let node: unknown = this.doc.contents;
    let anchor: Ranged = this.doc.contents;
    for (const segment of path) {
      if (isAlias(node)) node = this.targets.get(node);
      if (isMap(node)) {
        const pair = this.pair(node, String(segment));
        if (!pair) return start(anchor);
        anchor = pair.key as Ranged;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        anchor = node as Ranged;
      } else {
        return start(anchor);
      }
    }
    if (key || !isScalar(node) || node.value === null) return start(anchor);
    return start(node);
  }
}
