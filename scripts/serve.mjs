#!/usr/bin/env node
/**
 * Serves the demo page: www/ at / and the built package pkg/ at /pkg/, on
 * 127.0.0.1 only. No dependencies.
 *
 *   node scripts/serve.mjs            # port 8080, or $PORT
 *   node scripts/serve.mjs 9000       # or --port 9000; 0 picks a free port
 *
 * Every answer carries a Content-Security-Policy that allows only the
 * page's own files and 'wasm-unsafe-eval', so the claim cannot leave the
 * browser. Only GET and HEAD; no directory listings; nothing outside the two
 * folders (".." segments, encoded or not, and symbolic links that lead out
 * are refused).
 *
 * @module scripts/serve
 */

import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The folders served, by URL prefix; the longest prefix wins. */
const MOUNTS = [
  { prefix: "/pkg/", dir: join(ROOT, "pkg") },
  { prefix: "/", dir: join(ROOT, "www") },
];

/** The policy: the page's own files, wasm compilation, nothing else. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types service-worker",
].join("; ");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

const HEADERS = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  "Cache-Control": "no-cache",
};

/**
 * Maps a request path to a file inside one of the mounts, or null.
 *
 * @param {string} pathname the URL's path, still percent-encoded
 * @returns {{ file: string, dir: string } | null}
 */
export function locate(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/");
  if (segments.some((s) => s === ".." || s === "." || s.startsWith("."))) return null;
  const mount = MOUNTS.find((m) => decoded.startsWith(m.prefix));
  if (!mount) return null;
  const rest = decoded.slice(mount.prefix.length);
  const file = resolve(mount.dir, rest);
  if (file !== mount.dir && !file.startsWith(mount.dir + sep)) return null;
  return { file, dir: mount.dir };
}

async function handle(req, res) {
  // Methods and the path.
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "method not allowed\n", { Allow: "GET, HEAD" });
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const found = locate(url.pathname);
  if (!found) return send(res, 404, "not found\n");

  // The file: a folder gives its index.html (a folder URL without its
  // slash is redirected, so that relative links work); links out refused.
  let file = found.file;
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!url.pathname.endsWith("/")) {
      return send(res, 301, "moved\n", { Location: `${url.pathname}/${url.search}` });
    }
    file = join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    const hint = found.dir.endsWith(`${sep}pkg`) ? " (pkg/ is built by: bash scripts/build.sh)" : "";
    return send(res, 404, `not found${hint}\n`);
  }
  const real = await realpath(file).catch(() => null);
  const realDir = await realpath(found.dir).catch(() => null);
  if (!real || !realDir || !(real === realDir || real.startsWith(realDir + sep))) {
    return send(res, 404, "not found\n");
  }

  // The answer.
  const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
  res.writeHead(200, { ...HEADERS, "Content-Type": type, "Content-Length": info.size });
  if (req.method === "HEAD") return res.end();
  createReadStream(file)
    .on("error", () => res.destroy())
    .pipe(res);
}

function send(res, status, body, extra = {}) {
  res.writeHead(status, {
    ...HEADERS,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

/**
 * Starts the server.
 *
 * @param {number} port 0 for any free port
 * @returns {Promise<{ server: import("node:http").Server, url: string }>}
 */
export function serve(port) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, "internal error\n");
      else res.destroy();
    });
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      done({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

/** The port from `--port N`, a bare number, or $PORT; 8080 otherwise. */
function portFromArgs(args, env) {
  const flag = args.indexOf("--port");
  const text = flag >= 0 ? args[flag + 1] : args.find((a) => /^\d+$/.test(a)) ?? env.PORT ?? "8080";
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`serve.mjs: "${text}" is not a port number (0 to 65535)`);
  }
  return port;
}

// Run as a program: start, say where, stop cleanly on a signal.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const port = portFromArgs(process.argv.slice(2), process.env);
    const { server, url } = await serve(port);
    const built = await stat(join(ROOT, "pkg", "index.js")).catch(() => null);
    console.log(`Serving the demo at ${url} (www/ at /, pkg/ at /pkg/); the portal example is at ${url}portal/`);
    if (!built) console.log("pkg/ is not built yet: run bash scripts/build.sh");
    const stop = () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (error) {
    const reason = error.code === "EADDRINUSE" ? "that port is in use; pass another, e.g. --port 8081" : error.message;
    console.error(`serve.mjs: ${reason}`);
    process.exit(1);
  }
}
