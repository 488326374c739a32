/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The page shell every explorer page shares: landmarks (banner with the site nav and search,
 * main, contentinfo), the theme boot script and toggle, and — for pages with live parts — the
 * topics the live script subscribes to.
 */
import type { Child } from 'hono/jsx';
import type { Topic } from '../../schema/rpc.ts';
import { THEME_BOOT } from '../assets/theme.ts';

export function Layout(props: { title: string; topics?: Topic[]; query?: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${props.title} · topnet explorer`}</title>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
        <link rel="stylesheet" href="/explorer.css" />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              topnet explorer
            </a>
            <nav aria-label="Site">
              <ul>
                <li>
                  <a href="/">Home</a>
                </li>
                <li>
                  <a href="/tables">Tables</a>
                </li>
                <li>
                  <a href="/committees">Committees</a>
                </li>
                <li>
                  <a href="/beacon">Beacon</a>
                </li>
                <li>
                  <a href="/lattice">Lattice</a>
                </li>
                <li>
                  <a href="/nodes">Nodes</a>
                </li>
                <li>
                  <a href="/elections">Elections</a>
                </li>
              </ul>
            </nav>
            <form class="search" role="search" action="/search" method="get">
              <label for="q" class="sr-only">
                Search by transaction hash, block hash, address or table:height
              </label>
              <input
                id="q"
                name="q"
                type="search"
                value={props.query ?? ''}
                placeholder="tx hash, block hash, address, table:height"
                autocomplete="off"
                spellcheck={false}
              />
              <button type="submit">Search</button>
            </form>
            <button type="button" id="theme-toggle">
              Theme
            </button>
          </div>
        </header>
        <main id="content" data-topics={props.topics ? JSON.stringify(props.topics) : undefined}>
          {props.children}
        </main>
        <footer class="site">
          <p>
            topnet — a TOP Network-style sharded chain. Data as JSON: add <code>?format=json</code> to any
            page.{' '}
            {props.topics ? (
              <span>
                Live updates: <span id="live-state">off</span>.
              </span>
            ) : null}
          </p>
        </footer>
        <script src="/explorer-theme.js" defer />
        {props.topics ? <script src="/explorer-live.js" defer /> : null}
      </body>
    </html>
  );
}
