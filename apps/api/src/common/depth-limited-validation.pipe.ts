import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';

/** No body of this API nests deeper than a few levels; 32 leaves room and stops a stack-deep body early. */
export const MAX_BODY_DEPTH = 32;

/**
 * The global ValidationPipe, refusing first (400, naming where) a body nested deeper than MAX_BODY_DEPTH: class-
 * transformer and class-validator recurse, and a body thousands of levels deep would overflow the stack (a 500).
 * The depth is measured without recursion.
 */
export class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const deep = firstTooDeep(value, MAX_BODY_DEPTH);
      if (deep !== null) {
        throw new BadRequestException([
          `body nests deeper than ${MAX_BODY_DEPTH} levels (at ${deep}); no field of this API is nested that deep`,
        ]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** The path of the first value deeper than `max` levels, or null. */
export function firstTooDeep(value: unknown, max: number): string | null {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: 'body' }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return path.length > 80 ? `${path.slice(0, 77)}...` : path;
    for (const [key, child] of Object.entries(v)) {
      stack.push({ v: child, depth: depth + 1, path: Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}` });
    }
  }
  return null;
}
