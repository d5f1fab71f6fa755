// `node --import` hook for tests: prints "resolved <url>" on stderr for every module the program loads.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('resolved ' + result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
