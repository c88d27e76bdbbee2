// The baseline of scripts/load: a worker that does nothing but answer, run
// by the same wrangler dev with the same requests as adviz's worker, so the
// figures of adviz's worker can be read against what the local runtime
// costs by itself (its memory grows under load too).
export default {
  async fetch(req) {
    const url = new URL(req.url);
    const body = JSON.stringify({ path: url.pathname, query: url.search.length });
    return new Response(body, { headers: { "content-type": "application/json" } });
  },
};
