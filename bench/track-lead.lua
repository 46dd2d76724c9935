-- wrk script for the benchmark: POST /api/track-lead with Clerk session tokens, or a plain GET
-- (the /q/health/live reference), and one machine-readable RESULT line at the end.
--
--   BENCH_MODE=<mode> BENCH_TOKENS=<token file> BENCH_THREADS=<wrk -t> wrk ... -s bench/track-lead.lua <url>
--
-- (Environment variables, not script arguments, because wrk decides whether request() exists when it
-- loads the script, before init() sees any argument; without request() it sends one prebuilt request.)
--
-- mode "get":      the URL as is, no token (BENCH_AUTH, if set, as the Authorization header).
-- mode "repeat":   every request carries the first token of the file (a token the service has seen).
-- mode "fresh":    every request carries the next token of the file, never one sent before in this
--                  run; thread i of n takes lines i, i+n, i+2n... If the file runs out the thread
--                  starts over and counts the reused tokens (reported as "reused").

local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

local function headers(token)
   return {
      ["Authorization"] = "Bearer " .. token,
      ["Origin"] = "https://app.example.com",
      ["Cookie"] = "dub_id=clk_bench",
      ["Content-Length"] = "0",
   }
end

local mode = os.getenv("BENCH_MODE") or "get"

function init(args)
   reused = 0
   if mode == "get" then
      -- The upstream floor: a fake's endpoint, which wants the key the service would send.
      local auth = os.getenv("BENCH_AUTH")
      if auth and auth ~= "" then
         wrk.headers["Authorization"] = auth
      end
      return
   end
   local file = os.getenv("BENCH_TOKENS")
   local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
   tokens = {}
   local line = 0
   for token in io.lines(file) do
      if mode == "repeat" then
         tokens[1] = token
         break
      end
      if line % nthreads == tid then
         tokens[#tokens + 1] = token
      end
      line = line + 1
   end
   if #tokens == 0 then
      error("no tokens in " .. file)
   end
   next_token = 1
   if mode == "repeat" then
      wrk.method = "POST"
      -- Into wrk's own table, which already holds the Host header.
      for name, value in pairs(headers(tokens[1])) do
         wrk.headers[name] = value
      end
   end
end

if mode == "fresh" then
   function request()
      local token = tokens[next_token]
      next_token = next_token + 1
      if next_token > #tokens then
         next_token = 1
         reused = reused + #tokens
      end
      return wrk.format("POST", nil, headers(token), nil)
   end
end

function done(summary, latency, requests)
   local reused_total = 0
   for _, thread in ipairs(threads) do
      reused_total = reused_total + (thread:get("reused") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d "
         .. "status_errors=%d connect=%d read=%d write=%d timeout=%d reused=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
      e.status, e.connect, e.read, e.write, e.timeout, reused_total))
end
