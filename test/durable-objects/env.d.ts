// The test Env is the Worker's Env: the bindings of wrangler.toml.
import type { Env as TopnetEnv } from '../../schema/env.ts';
import type * as Main from '../../workers/edge/index.ts';

declare global {
  namespace Cloudflare {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Env extends TopnetEnv {}
    interface GlobalProps {
      mainModule: typeof Main;
    }
  }
}
export {};
